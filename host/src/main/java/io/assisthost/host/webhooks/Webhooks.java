package io.assisthost.host.webhooks;

import io.assisthost.host.HostFailure;
import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.audit.AuditRecord;
import io.assisthost.host.cluster.ClusterView;
import io.assisthost.host.config.WebhookOptions;
import io.assisthost.host.plugins.ExtensionRegistry;
import io.assisthost.host.plugins.PluginInvoker;
import io.assisthost.host.store.Store;
import io.assisthost.host.metrics.LatencyBoard;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** The webhook feature of a host: sinks, the outbox, the dispatcher, delivery logs and replays. */
public final class Webhooks {

    private static final Set<String> REPLAY_FIELDS = Set.of("deadLetters", "from", "to");

    private final SinkRegistry sinks;
    private final Outbox outbox;
    private final DeliveryStore deliveries;
    private final Dispatcher dispatcher;
    private final AuditLog audit;
    private final WebhookOptions options;
    private final Clock clock;
    private final SinkReplica replica;
    private final OutboxHandover handover;

    public Webhooks(Vertx vertx, Store store, AuditLog audit, WebhookOptions options, OutboundPolicy policy,
                    Supplier<ExtensionRegistry> extensions, PluginInvoker invoker, ClusterView cluster, Clock clock,
                    MeterRegistry meters, LatencyBoard board) {
        this.audit = audit;
        this.options = options;
        this.clock = clock;
        this.sinks = new SinkRegistry(store, audit, clock, policy, options.secretRotation());
        this.outbox = new Outbox(vertx, store, clock);
        this.deliveries = new DeliveryStore(vertx, store);
        this.dispatcher = new Dispatcher(vertx, deliveries, sinks, extensions, invoker, options, clock,
                new RetrySchedule(options.initialBackoff(), options.maxBackoff(),
                        () -> ThreadLocalRandom.current().nextDouble()), meters, board);
        outbox.onStored((event, stored) -> dispatcher.wake());
        // Alone, a node has no one to share its sinks with or hand its deliveries to.
        this.replica = vertx.isClustered() ? new SinkReplica(vertx, sinks) : null;
        this.handover = vertx.isClustered() ? new OutboxHandover(vertx, cluster,
                new OutboxMirror(vertx, Duration.ofDays(options.retentionDays())), deliveries, sinks, dispatcher, clock)
                : null;
        if (vertx.isClustered()) {
            sinks.replicate(replica);
            dispatcher.handover(handover);
            outbox.onStored(handover::stored);
            sinks.onRemoved(handover::sinkRemoved);
        }
    }

    /**
     * Applies the sinks of {@code host.json}; in a cluster, catches up with the sinks made on other nodes
     * and reconciles the pending deliveries with the cluster's copy; then starts delivering (pending
     * events first).
     */
    public Future<Void> start() {
        return sinks.start(options.sinks())
                .compose(v -> replica == null ? Future.<Void>succeededFuture() : replica.start())
                .compose(v -> handover == null ? Future.<Void>succeededFuture() : handover.start())
                .onSuccess(v -> dispatcher.start());
    }

    public Outbox outbox() {
        return outbox;
    }

    public SinkRegistry sinks() {
        return sinks;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /** Each sink's breaker: {@code name} ({@code webhook:<id>}) and {@code state}. */
    public JsonArray breakers() {
        JsonArray all = new JsonArray();
        sinks.all().forEach(sink -> all.add(new JsonObject().put("name", "webhook:" + sink.id())
                .put("state", dispatcher.breakerState(sink.id()))));
        return all;
    }

    /** A sink's public view with its breaker state and delivery counts. */
    public Future<JsonObject> describe(String id) {
        Sink sink = sinks.existing(id);
        return deliveries.counts(id).map(counts -> sink.toJson(clock.instant())
                .put("breaker", dispatcher.breakerState(id)).put("deliveries", counts));
    }

    /** The delivery log of a sink, newest first. */
    public Future<JsonObject> deliveries(String id, String state, Long before, int limit) {
        sinks.existing(id);
        return deliveries.deliveries(id, state, before, limit);
    }

    /**
     * Delivers again: {@code {"deadLetters": true}} makes the sink's dead letters pending, {@code {"from",
     * "to"}} (ISO-8601 instants) re-sends every event of that range the sink subscribes to.
     *
     * @return {@code {"replayed": n}}
     */
    public Future<JsonObject> replay(String id, Object body, String actor) {
        Sink sink = sinks.existing(id);
        if (!(body instanceof JsonObject json)) {
            throw HostFailure.invalid("the body must be {\"deadLetters\": true} or {\"from\": ..., \"to\": ...}");
        }
        List<String> unknown = json.fieldNames().stream().filter(name -> !REPLAY_FIELDS.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw HostFailure.invalid("unknown field " + String.join(", ", unknown)
                    + ": the body must be {\"deadLetters\": true} or {\"from\": ..., \"to\": ...}");
        }
        long now = clock.millis();
        Future<List<DeliveryStore.Replay>> chosen;
        boolean deadLetters = Boolean.TRUE.equals(json.getValue("deadLetters"));
        JsonObject details = new JsonObject();
        if (deadLetters && !json.containsKey("from") && !json.containsKey("to")) {
            chosen = deliveries.deadLetters(id);
            details.put("deadLetters", true);
        } else if (json.containsKey("from") && !json.containsKey("deadLetters")) {
            Instant from = instant(json, "from");
            Instant to = json.containsKey("to") ? instant(json, "to") : clock.instant();
            if (!from.isBefore(to)) {
                throw HostFailure.invalid("from must be before to");
            }
            chosen = deliveries.events(sink, from.toEpochMilli(), to.toEpochMilli());
            details.put("from", from.toString()).put("to", to.toString());
        } else {
            throw HostFailure.invalid("the body must be {\"deadLetters\": true} or {\"from\": ..., \"to\": ...}");
        }
        // The cluster's copy first: a delivery must not become due while it still says how it ended.
        Future<Integer> replayed = chosen.compose(replays -> (handover == null ? Future.<Void>succeededFuture()
                : handover.replaying(sink, replays)).compose(v -> deliveries.replay(id, replays, deadLetters, now)));
        return replayed.compose(count -> audit.append(new AuditRecord("config", actor, null, "replay", "webhook:" + id,
                        details.put("replayed", count))).map(count))
                .map(count -> {
                    dispatcher.wake();
                    return new JsonObject().put("replayed", count);
                });
    }

    /** Removes settled events older than {@code webhooks.retentionDays}; completes with how many. */
    public Future<Integer> prune() {
        return deliveries.prune(clock.instant().minus(java.time.Duration.ofDays(options.retentionDays())).toEpochMilli());
    }

    public void close() {
        if (handover != null) {
            handover.close();
            replica.close();
        }
        dispatcher.close();
    }

    private static Instant instant(JsonObject json, String field) {
        if (json.getValue(field) instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        throw HostFailure.invalid(field + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    }
}
