package io.assisthost.host.engagement;

import com.mypurecloud.sdk.v2.model.AddressableEntityRef;
import com.mypurecloud.sdk.v2.model.SearchUpdateRequest;
import com.mypurecloud.sdk.v2.model.SelectedAnswer;
import io.assisthost.host.HostFailure;
import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.audit.AuditRecord;
import io.assisthost.host.genesys.GenesysClient;
import io.assisthost.host.webhooks.EventTypes;
import io.assisthost.host.webhooks.Outbox;
import io.assisthost.host.webhooks.WebhookEvent;
import io.assisthost.host.metrics.LatencyBoard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.assisthost.host.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Records what agents did with the cards they were shown ({@code rendered}, {@code accepted},
 * {@code dismissed}) and with recommended articles ({@code accepted}, reported to Genesys through the
 * knowledge search PATCH). Each action event is stored with the aggregate it changes, audited and
 * written to the webhook outbox before it is acknowledged.
 */
public final class Engagements {

    /** The engagement event types. */
    public static final List<String> TYPES = List.of("rendered", "accepted", "dismissed");

    private static final Set<String> FIELDS = Set.of("type", "triggerId", "conversationId", "action", "timestamp",
            "document");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("knowledgeBaseId", "documentId", "searchId");
    /** The longest id accepted: conversation, action, trigger, knowledge base, document and search ids. */
    private static final int MAX_ID = 200;

    private final EngagementStore store;
    private final AuditLog audit;
    private final Outbox outbox;
    private final GenesysClient genesys;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Future<JsonObject>> perCard = new ConcurrentHashMap<>();
    private final LatencyBoard board;

    public Engagements(Vertx vertx, Store store, AuditLog audit, Outbox outbox, GenesysClient genesys, Clock clock,
                       MeterRegistry meters, LatencyBoard board) {
        this.board = board;
        this.store = new EngagementStore(vertx, store);
        this.audit = audit;
        this.outbox = outbox;
        this.genesys = genesys;
        this.clock = clock;
        this.meters = meters;
    }

    /** Records a card that triggered; engagement events name it by its id. */
    public Future<Void> triggered(TriggerRecord trigger) {
        return store.recordTrigger(trigger);
    }

    /**
     * Records an engagement event from the API or the bus.
     *
     * @return what was recorded, with {@code status} {@code recorded} or {@code duplicate}
     */
    public Future<JsonObject> record(Object body, String actor) {
        if (!(body instanceof JsonObject json)) {
            return Future.failedFuture(HostFailure.invalidFields(new JsonArray().add(HostFailure.fieldError("body",
                    "must be a JSON object {type, triggerId | conversationId and action, timestamp}"))));
        }
        JsonArray errors = new JsonArray();
        json.fieldNames().stream().filter(name -> !FIELDS.contains(name)).sorted()
                .forEach(name -> errors.add(HostFailure.fieldError(name, "is not a known field")));
        String type = json.getValue("type") instanceof String text && TYPES.contains(text) ? text : null;
        if (type == null) {
            errors.add(HostFailure.fieldError("type", "must be one of " + String.join(", ", TYPES)));
        }
        Instant at = timestamp(json.getValue("timestamp"), errors);
        if (json.containsKey("document")) {
            return article(json, type, at, errors, actor);
        }
        String triggerId = optionalText(json, "triggerId", errors);
        String conversationId = optionalText(json, "conversationId", errors);
        String action = optionalText(json, "action", errors);
        if (triggerId == null && (conversationId == null || action == null)) {
            errors.add(HostFailure.fieldError("triggerId", "is required, or else conversationId and action"));
        }
        if (!errors.isEmpty()) {
            return Future.failedFuture(HostFailure.invalidFields(errors));
        }
        if (triggerId != null) {
            return forCard(type, triggerId, at, actor);
        }
        // Named by conversation and action: find the card first, then take its turn.
        EngagementStore.Event event = new EngagementStore.Event(type, null, conversationId, action, at);
        return store.examine(event).compose(found -> found.trigger() == null
                ? settle(event, found, actor)
                : forCard(type, found.trigger().id(), at, actor));
    }

    /** Checks, exports and records an event of one card in its turn. */
    private Future<JsonObject> forCard(String type, String triggerId, Instant at, String actor) {
        EngagementStore.Event event = new EngagementStore.Event(type, triggerId, null, null, at);
        return inOrder(triggerId, () -> store.examine(event).compose(outcome -> settle(event, outcome, actor)));
    }

    /**
     * Runs {@code work} after the work already queued for the same card, so that two events for one
     * card (accepted and dismissed, say) are checked, exported and recorded one after the other.
     */
    private Future<JsonObject> inOrder(String triggerId, Supplier<Future<JsonObject>> work) {
        Promise<JsonObject> done = Promise.promise();
        Future<JsonObject> previous = perCard.put(triggerId, done.future());
        Future<JsonObject> turn = previous == null ? Future.succeededFuture() : previous.transform(ignored ->
                Future.succeededFuture());
        turn.compose(ignored -> work.get()).onComplete(done);
        done.future().onComplete(ignored -> perCard.remove(triggerId, done.future()));
        return done.future();
    }

    /** This node's aggregates of an action, per version and variant, as sent between nodes. */
    Future<JsonArray> aggregates(String action) {
        return store.aggregates(action).map(rows -> {
            JsonArray array = new JsonArray();
            rows.forEach(row -> array.add(row.toJson()));
            return array;
        });
    }

    /** Deletes triggers and engagement events older than {@code before}; aggregates stay. */
    public Future<Integer> prune(Instant before) {
        return store.prune(before);
    }

    /**
     * Exports and audits a new event before recording it: a crash in between leaves the event
     * unrecorded, so the client's retry exports it again (at least once) instead of finding it
     * recorded with its export lost.
     */
    private Future<JsonObject> settle(EngagementStore.Event event, EngagementStore.Outcome outcome, String actor) {
        String type = event.type();
        switch (outcome.status()) {
            case UNKNOWN_TRIGGER:
                return Future.failedFuture(HostFailure.notFound(event.triggerId() != null
                        ? "there is no trigger " + event.triggerId()
                        : "action " + event.action() + " has not triggered in conversation " + event.conversationId()));
            case CONTRADICTS:
                return Future.failedFuture(HostFailure.conflict("trigger " + outcome.trigger().id() + " was already "
                        + (type.equals("accepted") ? "dismissed" : "accepted")));
            default:
                break;
        }
        TriggerRecord trigger = outcome.trigger();
        JsonObject reply = new JsonObject()
                .put("type", type)
                .put("triggerId", trigger.id())
                .put("conversationId", trigger.conversationId())
                .put("action", trigger.action())
                .put("version", trigger.version())
                .put("group", trigger.variant())
                .put("triggeredAt", trigger.triggeredAt().toString())
                .put("timestamp", event.at().toString())
                .put("latencyMs", outcome.latencyMs());
        if (outcome.status() == EngagementStore.Status.DUPLICATE) {
            return Future.succeededFuture(reply.put("status", "duplicate"));
        }
        // On the wire, type and timestamp are the webhook envelope's; the engagement's own moment is occurredAt.
        JsonObject exported = reply.copy().put("occurredAt", event.at().toString());
        exported.remove("type");
        exported.remove("timestamp");
        AuditRecord record = new AuditRecord("engagement", actor, trigger.conversationId(), trigger.action(), type, reply);
        return Future.all(audit.append(record), outbox.publish(new WebhookEvent(eventType(type), trigger.conversationId(),
                        exported)))
                .compose(v -> store.recordEvent(event))
                .compose(recorded -> {
                    if (recorded.status() != EngagementStore.Status.RECORDED
                            && recorded.status() != EngagementStore.Status.DUPLICATE) {
                        return settle(event, recorded, actor);
                    }
                    if (recorded.status() == EngagementStore.Status.RECORDED) {
                        measure(trigger, type, recorded.latencyMs());
                    }
                    return Future.succeededFuture(reply.copy().put("status",
                            recorded.status() == EngagementStore.Status.RECORDED ? "recorded" : "duplicate"));
                });
    }

    private void measure(TriggerRecord trigger, String type, Long latencyMs) {
        if (latencyMs != null) {
            Timer.builder("assist.actions.render.latency")
                    .description("Time from an action triggering to its card being rendered")
                    .tags("action", trigger.action(), "version", trigger.version(), "variant", trigger.variant())
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(Duration.ofMillis(latencyMs));
            board.record(LatencyBoard.RENDER, trigger.action(), TimeUnit.MILLISECONDS.toNanos(latencyMs), true);
        }
        meters.counter("assist.actions.engagements", "action", trigger.action(), "type", type).increment();
    }

    private Future<JsonObject> article(JsonObject json, String type, Instant at, JsonArray errors, String actor) {
        String conversationId = optionalText(json, "conversationId", errors);
        if (conversationId == null) {
            errors.add(HostFailure.fieldError("conversationId", "is required for an article engagement"));
        }
        if (json.containsKey("triggerId") || json.containsKey("action")) {
            errors.add(HostFailure.fieldError("document", "an engagement is about a triggered action or an article, not both"));
        }
        JsonObject document = json.getValue("document") instanceof JsonObject object ? object : null;
        if (document == null) {
            errors.add(HostFailure.fieldError("document", "must be an object {knowledgeBaseId, documentId, searchId}"));
        } else {
            document.fieldNames().stream().filter(name -> !DOCUMENT_FIELDS.contains(name)).sorted()
                    .forEach(name -> errors.add(HostFailure.fieldError("document." + name, "is not a known field")));
            for (String field : List.of("knowledgeBaseId", "documentId")) {
                if (!(document.getValue(field) instanceof String text) || text.isBlank() || text.length() > MAX_ID) {
                    errors.add(HostFailure.fieldError("document." + field, "is required: a non-blank string of at most "
                            + MAX_ID + " characters"));
                }
            }
            Object searchId = document.getValue("searchId");
            if (searchId != null && !(searchId instanceof String text && !text.isBlank() && text.length() <= MAX_ID)) {
                errors.add(HostFailure.fieldError("document.searchId", "must be a non-blank string of at most " + MAX_ID
                        + " characters"));
            } else if ("accepted".equals(type) && searchId == null) {
                errors.add(HostFailure.fieldError("document.searchId", "is required to report an accepted article: "
                        + "the searchId of the recommendation's source"));
            }
        }
        if (!errors.isEmpty()) {
            return Future.failedFuture(HostFailure.invalidFields(errors));
        }
        JsonObject event = new JsonObject().put("type", type).put("conversationId", conversationId)
                .put("document", document.copy()).put("timestamp", at.toString());
        meters.counter("assist.articles.engagements", "type", type).increment();
        Future<?> audited = audit.append(new AuditRecord("engagement", actor, conversationId, null,
                "article:" + document.getString("documentId"), event));
        if (!"accepted".equals(type)) {
            return audited.map(v -> event.put("status", "recorded"));
        }
        SearchUpdateRequest update = new SearchUpdateRequest().answered(true).selectedAnswer(new SelectedAnswer()
                .document(new AddressableEntityRef().id(document.getString("documentId"))));
        return audited.compose(v -> genesys.reportSelected(document.getString("knowledgeBaseId"),
                        document.getString("searchId"), update)
                .recover(failure -> Future.failedFuture(new HostFailure(HostFailure.Code.UNAVAILABLE,
                        "the engagement is in the audit log, but Genesys did not take the report of the accepted "
                                + "article (send it again): " + failure.getMessage(), failure))))
                .map(v -> event.put("status", "recorded").put("reportedToGenesys", true));
    }

    private static String eventType(String type) {
        return switch (type) {
            case "rendered" -> EventTypes.ACTION_RENDERED;
            case "accepted" -> EventTypes.ACTION_ACCEPTED;
            default -> EventTypes.ACTION_DISMISSED;
        };
    }

    private Instant timestamp(Object value, JsonArray errors) {
        if (value == null) {
            return clock.instant();
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(HostFailure.fieldError("timestamp", "must be an ISO-8601 instant such as 2026-11-21T10:15:30.120Z"));
        return null;
    }

    private static String optionalText(JsonObject json, String field, JsonArray errors) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if (value instanceof String text && !text.isBlank() && text.length() <= MAX_ID) {
            return text;
        }
        errors.add(HostFailure.fieldError(field, "must be a non-blank string of at most " + MAX_ID + " characters"));
        return null;
    }
}
