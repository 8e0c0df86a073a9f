package io.assisthost.host.webhooks;

import io.assisthost.host.cluster.SharedMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every sink made through the API a sink of every node, so that the events of each node reach
 * it. The cluster map {@link SharedMaps#WEBHOOK_SINKS} holds the latest version of each such sink, or
 * a tombstone once deleted; after a change the node publishes {@link #CHANGED_ADDRESS} and every other
 * node applies the map's version to its own store if it is newer than its own. At start a node
 * reconciles both ways, so one that was away catches up and one whose sinks the cluster forgot (a
 * whole-cluster restart) brings them back.
 */
final class SinkReplica {

    /** Published (body {@code {id, replica}}) after every change, for the other nodes. */
    static final String CHANGED_ADDRESS = "assist.webhooks.sinks.changed";

    private static final Logger LOG = LoggerFactory.getLogger(SinkReplica.class);

    private final Vertx vertx;
    private final SinkRegistry registry;
    // Names this replica's own announcements, which it has applied already.
    private final String id = UUID.randomUUID().toString();
    private MessageConsumer<JsonObject> changes;

    SinkReplica(Vertx vertx, SinkRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    /** Listens to the other nodes' changes, then reconciles this node's sinks with the cluster's. */
    Future<Void> start() {
        changes = vertx.eventBus().consumer(CHANGED_ADDRESS, message -> {
            if (!id.equals(message.body().getString("replica"))) {
                String sinkId = message.body().getString("id");
                map().compose(map -> map.get(sinkId)).compose(value -> value == null ? Future.succeededFuture()
                        : registry.applyReplicated(new JsonObject(value))).onFailure(failure ->
                        LOG.warn("Webhook sink {} changed on another node but not here: {}", sinkId, failure.getMessage()));
            }
        });
        return changes.completion().compose(v -> map()).compose(map -> map.entries().compose(all -> {
            List<Future<?>> applied = new ArrayList<>();
            for (Map.Entry<String, String> entry : all.entrySet()) {
                applied.add(registry.applyReplicated(new JsonObject(entry.getValue())));
            }
            for (Sink sink : registry.all()) {
                if (sink.origin().equals(Sink.ORIGIN_API) && !all.containsKey(sink.id())) {
                    applied.add(changed(sink));
                }
            }
            return Future.all(applied);
        })).mapEmpty();
    }

    /** Shares a sink made or changed on this node. */
    Future<Void> changed(Sink sink) {
        return share(sink.id(), SinkJson.of(sink));
    }

    /** Shares the deletion of a sink at {@code at}. */
    Future<Void> deleted(String sinkId, Instant at) {
        return share(sinkId, new JsonObject().put("id", sinkId).put("deleted", true).put("updatedAt", at.toString()));
    }

    void close() {
        if (changes != null) {
            changes.unregister();
        }
    }

    private Future<Void> share(String sinkId, JsonObject value) {
        return map().compose(map -> map.put(sinkId, value.encode())).onSuccess(v -> vertx.eventBus()
                .publish(CHANGED_ADDRESS, new JsonObject().put("id", sinkId).put("replica", id)));
    }

    private Future<AsyncMap<String, String>> map() {
        return vertx.sharedData().getAsyncMap(SharedMaps.WEBHOOK_SINKS);
    }
}
