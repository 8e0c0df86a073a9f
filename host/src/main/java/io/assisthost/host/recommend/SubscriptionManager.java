package io.assisthost.host.recommend;

import io.assisthost.host.HostFailure;
import io.assisthost.host.config.RecommendOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polling subscriptions, with exactly one owner node per interaction. Every node scans the
 * subscriptions each {@code scanIntervalMs}: it renews the leases it holds and takes free ones: new
 * subscriptions and those whose lease lapsed (their owner died or left). The work is spread: a node
 * holding its fair share (the subscriptions divided by the cluster's members, rounded up) leaves a
 * free subscription to the others for {@value #DEFERRED_SCANS} scan before taking it, so another node
 * takes over within a lease plus two scan intervals even while a dead member is still counted. A node
 * over its share hands one subscription back per scan, so the work evens out when a member lagged or
 * joined late.
 * The owner polls at the subscription's interval; when the result set's ETag changes it stores the
 * result cluster-wide and publishes one {@code assist.recommendations.updated} event, and when it does
 * not, nothing happens. Confined to the event loop of the verticle that created it.
 */
public final class SubscriptionManager {

    /** Published, cluster-wide, when a subscribed interaction's recommendations change. */
    public static final String UPDATED = "assist.recommendations.updated";

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionManager.class);
    private static final int DEFERRED_SCANS = 1;

    private static final class Owned {
        String lease;
        JsonObject definition;
        RecommendRequest request;
        long timer = -1;
        boolean polling;
        boolean renewing;
    }

    private final Vertx vertx;
    private final SubscriptionStore store;
    private final RecommendService service;
    private final SubscriptionRequests requests;
    private final RecommendOptions options;
    private final String nodeId;
    private final Clock clock;
    private final Map<String, Owned> owned = new HashMap<>();
    // When this node, holding its fair share, first saw each free subscription.
    private final Map<String, Instant> freeSince = new HashMap<>();
    // When this node handed each subscription back to even out the work.
    private final Map<String, Instant> shedAt = new HashMap<>();
    private final IntSupplier members;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final List<ChangeListener> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long scanTimer = -1;
    private boolean scanning;
    private boolean closed;

    /** Hears about a changed result before it is stored and published; a failed future retries it next poll. */
    @FunctionalInterface
    public interface ChangeListener {
        Future<Void> changed(Recommendation recommendation, String previousEtag);
    }

    /** Adds a listener that records changed results durably (the webhook outbox) before they are published. */
    public SubscriptionManager onChange(ChangeListener listener) {
        changeListeners.add(listener);
        return this;
    }

    /** @param members how many nodes the cluster has now */
    public SubscriptionManager(Vertx vertx, RecommendService service, RecommendOptions options, String nodeId,
                               IntSupplier members, Clock clock) {
        this(vertx, service, options, nodeId, members, clock, new SubscriptionStore(vertx.sharedData()));
    }

    SubscriptionManager(Vertx vertx, RecommendService service, RecommendOptions options, String nodeId,
                        IntSupplier members, Clock clock, SubscriptionStore store) {
        this.members = members;
        this.vertx = vertx;
        this.store = store;
        this.service = service;
        this.requests = new SubscriptionRequests(service.requests(), options);
        this.options = options;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    public void start() {
        scanTimer = vertx.setPeriodic(options.scanInterval().toMillis(), id -> scan());
    }

    /**
     * Creates or replaces the subscription of an interaction; this node owns it at once if it holds
     * less than its fair share, else the scans of the nodes that do take it.
     */
    public Future<JsonObject> subscribe(String conversationId, Object body) {
        JsonObject definition;
        try {
            definition = requests.definition(conversationId, body, clock.instant());
        } catch (HostFailure invalid) {
            return Future.failedFuture(invalid);
        }
        return store.definition(conversationId)
                .compose(existing -> store.putDefinition(conversationId, definition, options.subscriptionTtl())
                        .compose(v -> stopLocal(conversationId, true))
                        .compose(v -> store.count())
                        .compose(count -> owned.size() < fairShare(count) ? claim(conversationId)
                                : Future.succeededFuture())
                        .compose(v -> describe(conversationId))
                        .map(description -> description.put("created", existing == null)));
    }

    /** The subscription with its owner and lease expiry; fails with {@code NOT_FOUND} if there is none. */
    public Future<JsonObject> describe(String conversationId) {
        return store.definition(conversationId).compose(definition -> {
            if (definition == null) {
                return Future.failedFuture(HostFailure.notFound("interaction " + conversationId + " has no subscription"));
            }
            return store.lease(conversationId).compose(lease -> store.latest(conversationId).map(latest -> definition.copy()
                    .put("owner", SubscriptionStore.owner(lease))
                    .put("leaseExpiresAt", lease == null ? null : SubscriptionStore.expiry(lease).toString())
                    .put("etag", latest == null ? null : latest.getString("etag"))));
        });
    }

    /** Ends a subscription; completes with whether there was one. */
    public Future<Boolean> unsubscribe(String conversationId) {
        stopLocal(conversationId, false);
        return store.remove(conversationId);
    }

    /** The latest result of a subscribed interaction, or {@code null} before its first poll. */
    public Future<JsonObject> latest(String conversationId) {
        return store.latest(conversationId);
    }

    /** Ends the subscription of a conversation whose transcript ended. */
    public void ended(String conversationId) {
        unsubscribe(conversationId).onSuccess(existed -> {
            if (existed) {
                LOG.info("Subscription of {} ended with its conversation", conversationId);
            }
        });
    }

    /** Subscriptions this node polls. */
    public int ownedCount() {
        return owned.size();
    }

    /** Polls this node has made. */
    public long polls() {
        return polls.get();
    }

    /** Changed results this node has published. */
    public long updates() {
        return updates.get();
    }

    /** Stops polling and hands the leases back, so that other nodes take over at their next scan. */
    public Future<Void> close() {
        closed = true;
        vertx.cancelTimer(scanTimer);
        List<Future<Void>> released = new ArrayList<>();
        for (String conversationId : List.copyOf(owned.keySet())) {
            released.add(stopLocal(conversationId, true));
        }
        return Future.join(released).mapEmpty();
    }

    /** One scan at a time: an overlapping one would renew leases with values already replaced. */
    private void scan() {
        if (scanning) {
            return;
        }
        scanning = true;
        store.subscribed().onSuccess(subscribed -> {
            for (String conversationId : List.copyOf(owned.keySet())) {
                if (!subscribed.contains(conversationId)) {
                    stopLocal(conversationId, true);
                }
            }
            freeSince.keySet().retainAll(subscribed);
            Instant now = clock.instant();
            shedAt.values().removeIf(at -> !at.plus(options.lease()).isAfter(now));
            int fairShare = fairShare(subscribed.size());
            int claiming = 0;
            List<String> order = new ArrayList<>(subscribed);
            // Nodes walk the subscriptions in different orders, so that they rarely race for the same one.
            Collections.shuffle(order);
            for (String conversationId : order) {
                if (owned.containsKey(conversationId)) {
                    renew(conversationId);
                } else if (owned.size() + claiming < fairShare && !shedAt.containsKey(conversationId)) {
                    claiming++;
                    claim(conversationId);
                } else {
                    claimIfLongFree(conversationId);
                }
            }
            if (owned.size() > fairShare) {
                shedOne(now);
            }
        }).onFailure(failure -> LOG.warn("Subscription scan failed: {}", failure.getMessage()))
                .onComplete(done -> scanning = false);
    }

    private Future<Void> claim(String conversationId) {
        return store.acquire(conversationId, nodeId, clock.instant(), options.lease())
                .compose(lease -> lease == null ? Future.succeededFuture() : startLocal(conversationId, lease));
    }

    /** The subscriptions each node should poll: all of them divided by the members, rounded up. */
    private int fairShare(int subscriptions) {
        int nodes = Math.max(1, members.getAsInt());
        return (subscriptions + nodes - 1) / nodes;
    }

    /**
     * Hands one subscription back when this node polls more than its fair share (another member lagged,
     * or joined late), so that a node under its share takes it at its next scan.
     */
    private void shedOne(Instant now) {
        String conversationId = owned.keySet().iterator().next();
        shedAt.put(conversationId, now);
        LOG.debug("Subscription {} handed back to even out the cluster's work", conversationId);
        stopLocal(conversationId, true);
    }

    /** Takes a free subscription that the nodes under their fair share have left for a while. */
    private void claimIfLongFree(String conversationId) {
        store.lease(conversationId).onSuccess(lease -> {
            Instant now = clock.instant();
            if (lease != null && SubscriptionStore.expiry(lease).isAfter(now)) {
                freeSince.remove(conversationId);
                return;
            }
            Instant since = freeSince.computeIfAbsent(conversationId, id -> now);
            // What this node handed back it takes again only if nobody else did for a whole lease.
            Duration wait = shedAt.containsKey(conversationId) ? options.lease()
                    : options.scanInterval().multipliedBy(DEFERRED_SCANS);
            if (!since.plus(wait).isAfter(now)) {
                freeSince.remove(conversationId);
                claim(conversationId);
            }
        });
    }

    private void renew(String conversationId) {
        Owned state = owned.get(conversationId);
        if (state.renewing) {
            return;
        }
        state.renewing = true;
        store.renew(conversationId, state.lease, nodeId, clock.instant(), options.lease()).onComplete(done -> {
            state.renewing = false;
        }).onSuccess(lease -> {
            if (owned.get(conversationId) != state) {
                // Stopped while this renewal was under way (handed back, replaced by a PUT, closing): the
                // release may have reached the map first and missed the renewed lease, which would keep every
                // node off the subscription for a whole lease.
                if (lease != null) {
                    store.release(conversationId, lease);
                }
                return;
            }
            if (lease == null) {
                LOG.info("Lease of subscription {} lost; another node polls it now", conversationId);
                stopLocal(conversationId, false);
            } else {
                state.lease = lease;
                refresh(conversationId, state);
            }
        });
    }

    /** Picks up a subscription changed by a PUT on another node. */
    private void refresh(String conversationId, Owned state) {
        store.definition(conversationId).onSuccess(definition -> {
            if (definition == null || definition.equals(state.definition) || owned.get(conversationId) != state) {
                return;
            }
            long interval = definition.getLong("pollIntervalMs");
            if (interval != state.definition.getLong("pollIntervalMs")) {
                vertx.cancelTimer(state.timer);
                state.timer = vertx.setPeriodic(interval, id -> poll(conversationId));
            }
            state.definition = definition;
            state.request = requests.request(definition);
        });
    }

    private Future<Void> startLocal(String conversationId, String lease) {
        return store.definition(conversationId).compose(definition -> {
            // A claim that completes after close() hands its lease straight back.
            if (definition == null || closed) {
                return store.release(conversationId, lease);
            }
            Owned state = new Owned();
            state.lease = lease;
            state.definition = definition;
            state.request = requests.request(definition);
            state.timer = vertx.setPeriodic(definition.getLong("pollIntervalMs"), id -> poll(conversationId));
            owned.put(conversationId, state);
            poll(conversationId);
            return Future.succeededFuture();
        });
    }

    private Future<Void> stopLocal(String conversationId, boolean release) {
        Owned state = owned.remove(conversationId);
        if (state == null) {
            return Future.succeededFuture();
        }
        vertx.cancelTimer(state.timer);
        return release ? store.release(conversationId, state.lease) : Future.succeededFuture();
    }

    private void poll(String conversationId) {
        Owned state = owned.get(conversationId);
        if (state == null || state.polling || !holds(conversationId, state)) {
            return;
        }
        state.polling = true;
        polls.incrementAndGet();
        service.recommend(state.request, "subscription")
                .compose(recommendation -> publishIfChanged(conversationId, state, recommendation))
                .onFailure(failure -> LOG.warn("Poll of subscription {} failed: {}", conversationId, failure.getMessage()))
                .onComplete(done -> state.polling = false);
    }

    /**
     * Whether {@code state} is still this node's ownership of the subscription, within its lease: past it,
     * this node may have been replaced, and a poll begun before a PUT replaced the state is stale.
     */
    private boolean holds(String conversationId, Owned state) {
        return owned.get(conversationId) == state && SubscriptionStore.expiry(state.lease).isAfter(clock.instant());
    }

    private Future<Void> publishIfChanged(String conversationId, Owned state, Recommendation recommendation) {
        return store.latest(conversationId).compose(previous -> {
            String previousEtag = previous == null ? null : previous.getString("etag");
            if (recommendation.etag().equals(previousEtag) || !holds(conversationId, state)) {
                return Future.succeededFuture();
            }
            JsonObject result = recommendation.toJson();
            JsonObject latest = new JsonObject().put("etag", recommendation.etag())
                    .put("updatedAt", recommendation.generatedAt().toString()).put("recommendation", result);
            List<Future<Void>> recorded = new ArrayList<>();
            changeListeners.forEach(listener -> recorded.add(listener.changed(recommendation, previousEtag)));
            // Recorded for the webhooks first, so that a crash cannot lose the change; swapped in, so that of
            // two polls that both saw the previous result (one begun before a PUT or a hand-over) one publishes
            // on the bus. Both have recorded their webhook event by then: a receiver may get the change twice.
            return Future.all(recorded).compose(all -> store.replaceLatest(conversationId, previous, latest))
                    .onSuccess(stored -> {
                        if (!stored) {
                            return;
                        }
                        updates.incrementAndGet();
                        vertx.eventBus().publish(UPDATED, new JsonObject().put("conversationId", conversationId)
                                .put("etag", recommendation.etag()).put("previousEtag", previousEtag).put("node", nodeId)
                                .put("recommendation", result));
                    }).mapEmpty();
        });
    }
}
