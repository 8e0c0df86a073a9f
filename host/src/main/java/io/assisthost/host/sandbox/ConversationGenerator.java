package io.assisthost.host.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the scripted conversations as live transcripts: a new conversation every
 * {@code 60 / conversationsPerMinute} seconds (the first at once), one utterance every utterance
 * interval, each sent first as an interim and then as a final transcript on the conversation's
 * transcription topic, and a {@code SESSION_ENDED} status after the last one. Event-loop confined,
 * apart from listener registration.
 */
public final class ConversationGenerator {

    /** Hears about conversations as they start and end, so that a client can follow their topics. */
    public interface Listener {
        /** Called before the conversation's first utterance is published. */
        void started(String conversationId, ConversationScript script);

        /** Called after the conversation's last frame. */
        default void ended(String conversationId) {
        }
    }

    private final Vertx vertx;
    private final NotificationHub hub;
    private final Clock clock;
    private final List<ConversationScript> scripts;
    private final Duration utteranceInterval;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private long timer = -1;

    ConversationGenerator(Vertx vertx, NotificationHub hub, Clock clock, List<ConversationScript> scripts,
                          Duration utteranceInterval) {
        this.vertx = vertx;
        this.hub = hub;
        this.clock = clock;
        this.scripts = scripts;
        this.utteranceInterval = utteranceInterval;
    }

    public ConversationGenerator addListener(Listener listener) {
        listeners.add(listener);
        return this;
    }

    /** Starts a conversation now and then every {@code period}. */
    void start(Duration period) {
        play(scripts.get(next.getAndIncrement() % scripts.size()));
        timer = vertx.setPeriodic(period.toMillis(), id -> play(scripts.get(next.getAndIncrement() % scripts.size())));
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Conversations currently playing. */
    public int active() {
        return active.get();
    }

    public List<ConversationScript> scripts() {
        return scripts;
    }

    /** Plays one script now; returns the new conversation's id. */
    public String play(ConversationScript script) {
        String conversationId = UUID.randomUUID().toString();
        Instant started = clock.instant();
        active.incrementAndGet();
        listeners.forEach(listener -> listener.started(conversationId, script));
        vertx.setTimer(utteranceInterval.toMillis(), id -> turn(conversationId, started, script, 0));
        return conversationId;
    }

    private void turn(String conversationId, Instant started, ConversationScript script, int index) {
        if (index >= script.turns().size()) {
            hub.publish(TranscriptionJson.topic(conversationId), TranscriptionJson.ended(conversationId, started, clock.instant()));
            active.decrementAndGet();
            listeners.forEach(listener -> listener.ended(conversationId));
            return;
        }
        ConversationScript.Turn turn = script.turns().get(index);
        String utteranceId = UUID.randomUUID().toString();
        String[] words = turn.text().split("\\s+");
        if (words.length > 3) {
            String partial = String.join(" ", java.util.Arrays.copyOf(words, words.length / 2));
            publish(conversationId, TranscriptionJson.utterance(conversationId, started, clock.instant(), turn.speaker(),
                    partial, Math.max(0, turn.confidence() - 0.1), false, utteranceId));
        }
        vertx.setTimer(Math.max(1, utteranceInterval.toMillis() / 2), id -> {
            publish(conversationId, TranscriptionJson.utterance(conversationId, started, clock.instant(), turn.speaker(),
                    turn.text(), turn.confidence(), true, utteranceId));
            vertx.setTimer(Math.max(1, utteranceInterval.toMillis() / 2),
                    next -> turn(conversationId, started, script, index + 1));
        });
    }

    private void publish(String conversationId, JsonObject eventBody) {
        hub.publish(TranscriptionJson.topic(conversationId), eventBody);
    }
}
