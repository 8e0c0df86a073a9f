package io.assisthost.host.http;

import io.assisthost.host.actions.TriggerEngine;
import io.assisthost.host.metrics.LatencyPublisher;
import io.assisthost.host.recommend.BreakerRegistry;
import io.assisthost.host.recommend.FallbackFeed;
import io.assisthost.host.webhooks.Dispatcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What {@code GET /api/v1/stream} sends: latency snapshots of every node, breaker changes, triggered
 * cards and webhook delivery attempts and fallbacks, each numbered in the order this node saw it. Ids are
 * {@code <run>-<n>}, the run changing at every start, so a client's {@code Last-Event-ID} is only
 * honoured by the run that issued it. The last {@value #BACKLOG} are kept so a client that reconnects
 * misses nothing recent. Thread-safe.
 */
final class EventStream {

    /** A numbered event. */
    record Event(String run, long seq, String type, JsonObject data) {

        /** The event in Server-Sent Events framing. */
        String frame() {
            return "id: " + run + "-" + seq + "\nevent: " + type + "\ndata: " + data.encode() + "\n\n";
        }
    }

    /** Where a client resumes: after {@code seq} if the id came from this run, else from nothing kept. */
    record Resume(boolean known, long seq) {
    }

    static final int BACKLOG = 1_000;
    private static final Map<String, String> SOURCES = Map.of(
            LatencyPublisher.ADDRESS, "latency",
            BreakerRegistry.ADDRESS, "breaker",
            TriggerEngine.TRIGGERED_ADDRESS, "trigger",
            Dispatcher.ATTEMPTS, "delivery",
            FallbackFeed.ADDRESS, "fallback");

    private final Deque<Event> backlog = new ArrayDeque<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private long lastSeq;

    Future<Void> start(Vertx vertx) {
        SOURCES.forEach((address, type) -> consumers.add(vertx.eventBus().<JsonObject>consumer(address,
                message -> append(type, message.body()))));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
    }

    Future<Void> close() {
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    }

    /**
     * Reads a client's {@code Last-Event-ID}: this run's ids resume after their number; others (an id
     * from before a restart, or from another node) cannot, which the client is told with a
     * {@code reset} event.
     */
    Resume resume(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        String prefix = run + "-";
        if (lastEventId.startsWith(prefix)) {
            try {
                return new Resume(true, Long.parseLong(lastEventId.substring(prefix.length())));
            } catch (NumberFormatException e) {
                // not one of ours
            }
        }
        return new Resume(false, 0);
    }

    /**
     * Subscribes {@code listener} to new events after handing it the kept ones after {@code from}
     * (none when {@code from} is {@code null}). Returns whether the kept events reach back far
     * enough for nothing to be missing.
     */
    boolean subscribe(Resume from, Consumer<Event> listener) {
        List<Event> missed = new ArrayList<>();
        boolean complete;
        synchronized (backlog) {
            complete = from == null || (from.known() && (backlog.isEmpty() || backlog.peekFirst().seq() <= from.seq() + 1));
            if (from != null && from.known()) {
                backlog.stream().filter(event -> event.seq() > from.seq()).forEach(missed::add);
            }
            listeners.add(listener);
        }
        missed.forEach(listener);
        return complete;
    }

    void unsubscribe(Consumer<Event> listener) {
        listeners.remove(listener);
    }

    private void append(String type, JsonObject data) {
        Event event;
        synchronized (backlog) {
            event = new Event(run, ++lastSeq, type, data);
            backlog.addLast(event);
            if (backlog.size() > BACKLOG) {
                backlog.removeFirst();
            }
        }
        listeners.forEach(listener -> listener.accept(event));
    }
}
