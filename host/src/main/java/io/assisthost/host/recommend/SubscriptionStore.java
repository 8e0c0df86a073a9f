package io.assisthost.host.recommend;

import io.assisthost.host.cluster.SharedMaps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The cluster-wide state of subscriptions: their definitions ({@code assist.subscriptions}), which
 * node holds each one's lease ({@code assist.leases}), and each one's latest result and ETag
 * ({@code assist.etags}).
 *
 * <p>A lease is the value {@code nodeId@expiryMillis}. Taking, renewing and taking over a lease are
 * compare-and-swap operations on it ({@code putIfAbsent}, {@code replaceIfPresent}), so two nodes can
 * never both succeed; a lease whose expiry has passed may be swapped out by any node. The leases do
 * not rely on map time-to-live, which the cluster map cannot combine with compare-and-swap; node
 * clocks are assumed synchronised to well within a lease.
 */
final class SubscriptionStore {

    private static final long LATEST_TTL_MS = Duration.ofDays(1).toMillis();

    private final SharedData maps;

    /** @param maps where the maps live: the cluster's, or a node's own when it is not clustered */
    SubscriptionStore(SharedData maps) {
        this.maps = maps;
    }

    Future<Void> putDefinition(String conversationId, JsonObject definition, Duration ttl) {
        return map(SharedMaps.SUBSCRIPTIONS).compose(map -> map.put(conversationId, definition, ttl.toMillis()));
    }

    Future<JsonObject> definition(String conversationId) {
        return map(SharedMaps.SUBSCRIPTIONS).compose(map -> map.get(conversationId));
    }

    Future<Integer> count() {
        return map(SharedMaps.SUBSCRIPTIONS).compose(AsyncMap::size);
    }

    Future<Set<String>> subscribed() {
        return map(SharedMaps.SUBSCRIPTIONS).compose(AsyncMap::keys);
    }

    /** Removes a subscription and its lease; completes with whether it existed. */
    Future<Boolean> remove(String conversationId) {
        return map(SharedMaps.SUBSCRIPTIONS).compose(map -> map.remove(conversationId))
                .compose(removed -> leases().compose(map -> map.remove(conversationId)).map(v -> removed != null));
    }

    /**
     * Takes the lease if nobody holds it or its holder let it lapse; completes with the lease value on
     * success, {@code null} otherwise.
     */
    Future<String> acquire(String conversationId, String nodeId, Instant now, Duration lease) {
        String value = lease(nodeId, now.plus(lease));
        return leases().compose(map -> map.putIfAbsent(conversationId, value).compose(current -> {
            if (current == null) {
                return Future.succeededFuture(value);
            }
            if (expiry(current).isAfter(now)) {
                return Future.succeededFuture(null);
            }
            return map.replaceIfPresent(conversationId, current, value).map(swapped -> swapped ? value : null);
        }));
    }

    /** Extends a held lease; completes with the new value, or {@code null} if the lease was lost. */
    Future<String> renew(String conversationId, String held, String nodeId, Instant now, Duration lease) {
        String value = lease(nodeId, now.plus(lease));
        return leases().compose(map -> map.replaceIfPresent(conversationId, held, value))
                .map(replaced -> replaced ? value : null);
    }

    Future<Void> release(String conversationId, String held) {
        return leases().compose(map -> map.removeIfPresent(conversationId, held)).mapEmpty();
    }

    Future<String> lease(String conversationId) {
        return leases().compose(map -> map.get(conversationId));
    }

    Future<JsonObject> latest(String conversationId) {
        return map(SharedMaps.ETAGS).compose(map -> map.get(conversationId));
    }

    /**
     * Stores the latest result if the stored one is still {@code previous} ({@code null}: none yet), by
     * compare-and-swap, so that of two polls that saw the same result only one records the change.
     *
     * @return whether it was stored
     */
    Future<Boolean> replaceLatest(String conversationId, JsonObject previous, JsonObject latest) {
        // The cluster map cannot swap with a time to live: a replaced entry gets the map's own (cluster.xml).
        return map(SharedMaps.ETAGS).compose(map -> previous == null
                ? map.putIfAbsent(conversationId, latest, LATEST_TTL_MS).map(Objects::isNull)
                : map.replaceIfPresent(conversationId, previous, latest));
    }

    static String owner(String lease) {
        return lease == null ? null : lease.substring(0, lease.lastIndexOf('@'));
    }

    static Instant expiry(String lease) {
        return lease == null ? null : Instant.ofEpochMilli(Long.parseLong(lease.substring(lease.lastIndexOf('@') + 1)));
    }

    private static String lease(String nodeId, Instant expires) {
        return nodeId + "@" + expires.toEpochMilli();
    }

    private Future<AsyncMap<String, String>> leases() {
        return maps.getAsyncMap(SharedMaps.LEASES);
    }

    private Future<AsyncMap<String, JsonObject>> map(String name) {
        return maps.getAsyncMap(name);
    }
}
