package io.assisthost.host.actions;

import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.audit.AuditRecord;
import io.assisthost.host.cluster.SharedMaps;
import io.assisthost.host.engagement.Engagements;
import io.assisthost.host.engagement.TriggerRecord;
import io.assisthost.host.webhooks.EventTypes;
import io.assisthost.host.webhooks.Outbox;
import io.assisthost.host.webhooks.WebhookEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Evaluates utterances against the deployed actions and publishes what triggers. An action triggers
 * at most once per conversation within the trigger window, across the cluster (a marker in
 * {@link SharedMaps#TRIGGERS}). A trigger is stored, audited and in the webhook outbox before it is
 * published on {@link #TRIGGERED_ADDRESS} and reported to the caller.
 */
public final class TriggerEngine {

    /** Where triggered cards are published. */
    public static final String TRIGGERED_ADDRESS = "assist.actions.triggered";

    private final Vertx vertx;
    private final Engagements engagements;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Duration window;
    private final Clock clock;
    private final WorkerExecutor compiler;
    private final Supplier<String> triggerIds;
    private final Timer evaluation;
    private final Counter triggered;
    private volatile DeployedActions deployed = DeployedActions.EMPTY;

    /** @param triggerIds new trigger ids, each naming this node */
    TriggerEngine(Vertx vertx, Engagements engagements, AuditLog audit, Outbox outbox, Duration window, Clock clock,
                  Supplier<String> triggerIds, MeterRegistry meters) {
        this.triggerIds = triggerIds;
        this.vertx = vertx;
        this.engagements = engagements;
        this.audit = audit;
        this.outbox = outbox;
        this.window = window;
        this.clock = clock;
        // One ordered thread: the last change compiled is the last one served.
        this.compiler = vertx.createSharedWorkerExecutor("assist-actions-compiler", 1);
        this.evaluation = Timer.builder("assist.actions.evaluation").description("Matching one utterance against "
                + "every deployed action").register(meters);
        this.triggered = meters.counter("assist.actions.triggered");
    }

    /** Compiles the deployed set off the event loop and serves it once compiled. */
    Future<Void> deploy(List<ActionDocument> documents) {
        return compiler.executeBlocking(() -> DeployedActions.compile(documents), true)
                .onSuccess(compiled -> deployed = compiled)
                .mapEmpty();
    }

    /** Variants being served. */
    public int deployedVariants() {
        return deployed.size();
    }

    /**
     * Evaluates an utterance.
     *
     * @param origin who sent it, for the audit log ({@code api-token}, {@code bus}, {@code genesys})
     * @return {@code {"triggered": [cards], "suppressed": [{action, reason}]}}
     */
    public Future<JsonObject> accept(Utterance utterance, String origin) {
        long started = System.nanoTime();
        DeployedActions.Matches matches = deployed.evaluate(utterance);
        evaluation.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        JsonArray cards = new JsonArray();
        JsonArray suppressed = new JsonArray();
        if (matches.isEmpty()) {
            return Future.succeededFuture(new JsonObject().put("triggered", cards).put("suppressed", suppressed));
        }
        List<Future<Void>> all = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            all.add(fire(utterance, matches.entry(i), matches.phrases(i), origin).map(card -> {
                if (card.containsKey("card")) {
                    cards.add(card);
                } else {
                    suppressed.add(card);
                }
                return null;
            }));
        }
        return Future.all(all).map(v -> new JsonObject().put("triggered", cards).put("suppressed", suppressed));
    }

    void close() {
        compiler.close();
    }

    private Future<JsonObject> fire(Utterance utterance, DeployedActions.Entry entry, List<String> phrases, String origin) {
        Instant now = clock.instant();
        return claim(utterance.conversationId(), entry.action(), now).compose(claimed -> {
            if (claimed == null) {
                return Future.succeededFuture(new JsonObject().put("action", entry.action())
                        .put("reason", "already triggered in this conversation within the last " + window.toSeconds() + " s"));
            }
            TriggerRecord trigger = new TriggerRecord(claimed, utterance.conversationId(),
                    entry.action(), entry.definition().version(), entry.variant().group(), now);
            JsonObject card = card(trigger, entry, phrases);
            AuditRecord record = new AuditRecord("trigger", origin, trigger.conversationId(), trigger.action(),
                    "action:" + trigger.action(), new JsonObject().put("triggerId", trigger.id())
                    .put("version", trigger.version()).put("group", trigger.variant())
                    .put("matched", new JsonArray(phrases)).put("confidence", utterance.confidence()));
            return Future.all(engagements.triggered(trigger), audit.append(record),
                            outbox.publish(new WebhookEvent(EventTypes.ACTION_TRIGGERED, trigger.conversationId(), card)))
                    .recover(failure -> release(utterance.conversationId(), entry.action(), claimed, now)
                            .transform(ignored -> Future.failedFuture(failure)))
                    .map(v -> {
                        triggered.increment();
                        vertx.eventBus().publish(TRIGGERED_ADDRESS, card);
                        return card;
                    });
        });
    }

    private static JsonObject card(TriggerRecord trigger, DeployedActions.Entry entry, List<String> phrases) {
        ActionDefinition definition = entry.definition();
        return new JsonObject()
                .put("triggerId", trigger.id())
                .put("conversationId", trigger.conversationId())
                .put("action", trigger.action())
                .put("version", trigger.version())
                .put("group", trigger.variant())
                .put("description", definition.description())
                .put("matched", new JsonArray(phrases))
                .put("triggeredAt", trigger.triggeredAt().toString())
                .put("card", new JsonObject()
                        .put("html", definition.html())
                        .put("ui", ActionJson.uiJson(definition.ui()))
                        .put("csp", entry.csp()));
    }

    /**
     * Takes the window of an action in a conversation, unless a trigger within the window holds it.
     * The marker is {@code <epoch ms>|<trigger id>}: engagement events that name a conversation and an
     * action instead of a trigger find the trigger, and so its node, through it.
     *
     * @return the new trigger's id, or {@code null} if the window is held
     */
    private Future<String> claim(String conversationId, String action, Instant now) {
        String key = key(conversationId, action);
        String id = triggerIds.get();
        String marker = now.toEpochMilli() + "|" + id;
        return markers().compose(map -> map.putIfAbsent(key, marker, window.toMillis()).compose(previous -> {
            if (previous == null) {
                return Future.succeededFuture(id);
            }
            if (now.toEpochMilli() - markedAt(previous) < window.toMillis()) {
                return Future.succeededFuture((String) null);
            }
            return map.replaceIfPresent(key, previous, marker, window.toMillis()).map(replaced -> replaced ? id : null);
        }));
    }

    /** The latest trigger of an action in a conversation while its window lasts, else {@code null}. */
    public Future<String> latestTrigger(String conversationId, String action) {
        return markers().compose(map -> map.get(key(conversationId, action)))
                .map(marker -> marker == null || marker.indexOf('|') < 0 ? null
                        : marker.substring(marker.indexOf('|') + 1));
    }

    private Future<Void> release(String conversationId, String action, String triggerId, Instant now) {
        return markers().compose(map -> map.removeIfPresent(key(conversationId, action), now.toEpochMilli() + "|"
                + triggerId)).mapEmpty();
    }

    private static String key(String conversationId, String action) {
        return conversationId + '\u0000' + action;
    }

    /** When a marker was set; a marker in no known form counts as long expired and is replaced. */
    private static long markedAt(String marker) {
        int bar = marker.indexOf('|');
        try {
            return Long.parseLong(bar < 0 ? marker : marker.substring(0, bar));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE / 2;
        }
    }

    private Future<AsyncMap<String, String>> markers() {
        return vertx.sharedData().getAsyncMap(SharedMaps.TRIGGERS);
    }
}
