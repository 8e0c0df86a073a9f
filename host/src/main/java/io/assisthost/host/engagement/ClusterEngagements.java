package io.assisthost.host.engagement;

import io.assisthost.host.BusReplies;
import io.assisthost.host.HostFailure;
import io.assisthost.host.cluster.ClusterView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engagement in a cluster. A card's trigger is recorded by the node that showed it, in that node's
 * store, and its id names the node ({@code <uuid>.<node id>}); an engagement event reaching any other
 * node is forwarded to that one, so every card's events and figures stay together. The A/B figures
 * of an action are the sum of every member's aggregates.
 */
public final class ClusterEngagements {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterEngagements.class);
    private static final String NODE_ADDRESS = "assist.engagements.node.";
    private static final String FIGURES_ADDRESS = "assist.engagements.aggregates.";
    private static final int MAX_ACTION = 200;
    private static final DeliveryOptions FORWARD = new DeliveryOptions().setSendTimeout(10_000);

    private final Vertx vertx;
    private final Engagements local;
    private final ClusterView cluster;
    private final Function<JsonObject, Future<String>> latestTrigger;
    private final List<MessageConsumer<Object>> consumers = new ArrayList<>();

    /**
     * @param latestTrigger the id of the latest trigger of {@code {conversationId, action}} anywhere in
     *                      the cluster while its trigger window lasts, else {@code null}
     */
    public ClusterEngagements(Vertx vertx, Engagements local, ClusterView cluster,
                              Function<JsonObject, Future<String>> latestTrigger) {
        this.vertx = vertx;
        this.local = local;
        this.cluster = cluster;
        this.latestTrigger = latestTrigger;
    }

    /** A new trigger id, naming this node. */
    public String newTriggerId() {
        return UUID.randomUUID() + "." + cluster.selfId();
    }

    /** Answers the forwarded events and the aggregate requests addressed to this node. */
    public Future<Void> start() {
        consumers.add(vertx.eventBus().<Object>consumer(NODE_ADDRESS + cluster.selfId(), message ->
                BusReplies.answer(message, forwarded(message.body()), LOG)));
        consumers.add(vertx.eventBus().<Object>consumer(FIGURES_ADDRESS + cluster.selfId(), message -> {
            if (!(message.body() instanceof JsonObject request && request.getValue("action") instanceof String action)
                    || action.isBlank() || action.length() > MAX_ACTION) {
                message.fail(HostFailure.Code.INVALID.status(), "the body must be {\"action\": \"<action name>\"}");
                return;
            }
            local.aggregates(action).onSuccess(message::reply)
                    .onFailure(failure -> message.fail(HostFailure.Code.INTERNAL.status(), failure.getMessage()));
        }));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
    }

    /** An event another node passed on: {@code {"event": {...}, "actor": "..."}}. */
    private Future<JsonObject> forwarded(Object body) {
        if (!(body instanceof JsonObject message && message.getValue("event") instanceof JsonObject event
                && message.getValue("actor") instanceof String actor)) {
            return Future.failedFuture(HostFailure.invalid("the body must be {\"event\": {...}, \"actor\": \"...\"}"));
        }
        return local.record(event, actor);
    }

    public Future<Void> close() {
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    }

    /** Records an engagement event on the node that showed the card. */
    public Future<JsonObject> record(Object body, String actor) {
        if (!(body instanceof JsonObject json) || json.containsKey("document")) {
            return local.record(body, actor);
        }
        Future<String> triggerId = json.getValue("triggerId") instanceof String id ? Future.succeededFuture(id)
                : json.getValue("conversationId") instanceof String && json.getValue("action") instanceof String
                ? latestTrigger.apply(json) : Future.succeededFuture(null);
        return triggerId.compose(id -> {
            String owner = id == null ? null : owner(id);
            if (owner == null || owner.equals(cluster.selfId())) {
                return local.record(body, actor);
            }
            JsonObject event = json.copy();
            if (!event.containsKey("triggerId")) {
                event.put("triggerId", id);
                event.remove("conversationId");
                event.remove("action");
            }
            return vertx.eventBus().<JsonObject>request(NODE_ADDRESS + owner, new JsonObject().put("event", event)
                            .put("actor", actor), FORWARD)
                    .map(reply -> reply.body())
                    .recover(failure -> Future.failedFuture(forwardingFailure(owner, failure)));
        });
    }

    /** The figures of an action summed over every member; {@code unreachable} lists members that did not answer. */
    public Future<JsonObject> figures(String action, String control) {
        List<Future<JsonArray>> answers = new ArrayList<>();
        List<String> members = cluster.memberIds();
        for (String member : members) {
            answers.add(member.equals(cluster.selfId()) ? local.aggregates(action)
                    : vertx.eventBus().<JsonArray>request(FIGURES_ADDRESS + member, new JsonObject().put("action", action),
                    FORWARD).map(reply -> reply.body()));
        }
        return Future.join(answers).otherwiseEmpty().map(v -> {
            Map<String, EngagementStore.Aggregate> sums = new LinkedHashMap<>();
            JsonArray unreachable = new JsonArray();
            for (int i = 0; i < answers.size(); i++) {
                if (answers.get(i).failed()) {
                    unreachable.add(members.get(i));
                    continue;
                }
                for (Object row : answers.get(i).result()) {
                    EngagementStore.Aggregate aggregate = EngagementStore.Aggregate.fromJson((JsonObject) row);
                    sums.merge(aggregate.version() + "\u0000" + aggregate.variant(), aggregate, EngagementFigures::sum);
                }
            }
            List<EngagementStore.Aggregate> rows = new ArrayList<>(sums.values());
            rows.sort(Comparator.comparing(EngagementStore.Aggregate::version)
                    .thenComparing(EngagementStore.Aggregate::variant));
            return EngagementFigures.of(action, rows, control).put("members", members.size())
                    .put("unreachable", unreachable);
        });
    }

    /** The node named by a trigger id, or {@code null} for an id in no known form. */
    static String owner(String triggerId) {
        int dot = triggerId.indexOf('.');
        return dot < 0 || dot == triggerId.length() - 1 ? null : triggerId.substring(dot + 1);
    }

    private static HostFailure forwardingFailure(String owner, Throwable failure) {
        if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            return new HostFailure(HostFailure.Code.of(reply.failureCode()), reply.getMessage());
        }
        return new HostFailure(HostFailure.Code.UNAVAILABLE, "the card was shown by node " + owner
                + ", which does not answer: " + failure.getMessage() + "; send the event again", failure);
    }
}
