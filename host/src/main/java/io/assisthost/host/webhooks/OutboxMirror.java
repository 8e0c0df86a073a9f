package io.assisthost.host.webhooks;

import io.assisthost.host.cluster.SharedMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The cluster's copy of this node's pending webhook deliveries, so that a live node can deliver them
 * if this one leaves. An entry ({@link SharedMaps#WEBHOOKS_PENDING}, key {@code eventId/sinkId}) holds
 * the node that owns it, the event as signed and the sink with its secrets; owners change only by
 * compare-and-swap, so one node delivers each entry. How a taken-over delivery ended goes to
 * {@link SharedMaps#WEBHOOKS_SETTLED}, where its first node finds it when it comes back.
 *
 * <p>The mirror serves availability, not durability: every delivery is on disk in its node's store
 * first, and a delivery the mirror missed waits there for its node.
 */
final class OutboxMirror {

    /** One mirrored delivery: the map's key and value. */
    record Entry(String key, JsonObject value) {

        String owner() {
            return value.getString("owner");
        }

        /** The entry taken over by {@code node}; {@code from} names the owner it had. */
        Entry ownedBy(String node) {
            return new Entry(key, value.copy().put("owner", node).put("from", owner()));
        }

        String from() {
            return value.getString("from");
        }

        JsonObject event() {
            return value.getJsonObject("event");
        }

        /** The sink, to be delivered to by whichever node takes the entry over. */
        Sink sink() {
            // Enabled again: a taken-over delivery is one its first node was still trying to make.
            return SinkJson.sink(value.getJsonObject("sink").copy().put("enabled", true).putNull("disabledReason"),
                    Sink.ORIGIN_HANDOVER);
        }
    }

    private final Vertx vertx;
    private final Duration settledFor;

    OutboxMirror(Vertx vertx, Duration settledFor) {
        this.vertx = vertx;
        this.settledFor = settledFor;
    }

    static String key(String eventId, String sinkId) {
        return eventId + "/" + sinkId;
    }

    static Entry entry(String owner, Outbox.Stored event, String type, String conversationId, Sink sink) {
        JsonObject eventJson = new JsonObject().put("id", event.id()).put("type", type)
                .put("conversationId", conversationId).put("payload", event.payload()).put("createdAt", event.createdAt());
        return new Entry(key(event.id(), sink.id()), new JsonObject().put("owner", owner).put("event", eventJson)
                .put("sink", SinkJson.of(sink)));
    }

    /** Writes entries (a node's own new deliveries, or those it takes back). */
    Future<Void> put(Collection<Entry> entries) {
        return pending().compose(map -> Future.all(entries.stream()
                .map(entry -> map.put(entry.key(), entry.value().encode())).toList())).mapEmpty();
    }

    /** Forgets a delivery its owner settled; completes with whether the mirror had it. */
    Future<Boolean> remove(String key) {
        return pending().compose(map -> map.remove(key)).map(java.util.Objects::nonNull);
    }

    /** Records how a taken-over delivery ended ({@code state} delivered or dead) and forgets it. */
    Future<Void> settled(String key, String state, String by) {
        JsonObject outcome = new JsonObject().put("state", state).put("by", by).put("at", Instant.now().toString());
        return settledMap().compose(map -> map.put(key, outcome.encode(), settledFor.toMillis()))
                .compose(v -> remove(key)).mapEmpty();
    }

    /** Forgets every delivery to a deleted sink, whichever node holds it, so that no node takes one over. */
    Future<Void> removeSink(String sinkId) {
        String suffix = "/" + sinkId;
        return pending().compose(map -> map.keys().compose(keys -> Future.all(keys.stream()
                .filter(key -> key.endsWith(suffix)).map(map::remove).toList()))).mapEmpty();
    }

    /** How many entries {@code node} put for its own deliveries (not counting those it took over). */
    Future<Integer> ownedBy(String node) {
        return pending().compose(AsyncMap::entries).map(all -> (int) all.values().stream().map(JsonObject::new)
                .filter(value -> node.equals(value.getString("owner")) && value.getString("from") == null).count());
    }

    /** Forgets how deliveries ended, as they are to be delivered again. */
    Future<Void> forgetOutcomes(Collection<String> keys) {
        return settledMap().compose(map -> Future.all(keys.stream().map(map::remove).toList())).mapEmpty();
    }

    /** How a delivery another node took over ended ({@code state}, {@code by}), or {@code null}. */
    Future<JsonObject> outcome(String key) {
        return settledMap().compose(map -> map.get(key)).map(value -> value == null ? null : new JsonObject(value));
    }

    /** The entry under {@code key}, or {@code null}. */
    Future<Entry> get(String key) {
        return pending().compose(map -> map.get(key)).map(value -> value == null ? null
                : new Entry(key, new JsonObject(value)));
    }

    /**
     * The entries {@code self} took over before and has not settled: their adoption into its store may
     * have failed, or it may have stopped before it, and nothing else would ever deliver them (adopting one
     * twice is harmless). With {@code departed}, also takes over every entry whose owner is not among
     * {@code members}; each is compare-and-swapped to {@code self}, so when two nodes try, one gets it.
     */
    Future<List<Entry>> claim(Collection<String> members, String self, boolean departed) {
        return pending().compose(map -> map.entries().compose(all -> {
            List<Future<Entry>> claims = new ArrayList<>();
            for (Map.Entry<String, String> stored : all.entrySet()) {
                Entry entry = new Entry(stored.getKey(), new JsonObject(stored.getValue()));
                if (self.equals(entry.owner()) && entry.from() != null) {
                    claims.add(Future.succeededFuture(entry));
                } else if (departed && !members.contains(entry.owner())) {
                    Entry mine = entry.ownedBy(self);
                    claims.add(map.replaceIfPresent(entry.key(), stored.getValue(), mine.value().encode())
                            .map(won -> won ? mine : null));
                }
            }
            return Future.all(claims).map(done -> claims.stream().map(Future::result)
                    .filter(java.util.Objects::nonNull).toList());
        }));
    }

    private Future<AsyncMap<String, String>> pending() {
        return vertx.sharedData().getAsyncMap(SharedMaps.WEBHOOKS_PENDING);
    }

    private Future<AsyncMap<String, String>> settledMap() {
        return vertx.sharedData().getAsyncMap(SharedMaps.WEBHOOKS_SETTLED);
    }
}
