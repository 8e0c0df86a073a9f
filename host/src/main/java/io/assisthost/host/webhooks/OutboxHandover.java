package io.assisthost.host.webhooks;

import io.assisthost.host.cluster.ClusterView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the pending webhook deliveries of a node that left the cluster to a live one. Every delivery a
 * node commits is also written to the {@link OutboxMirror}; when the member list loses a node, the
 * first live member (by id) takes over the entries whose owner is gone, adds them to its own store
 * (with their sink, if it has none of that id) and delivers them as its own. A node that comes back
 * learns there what became of its pending deliveries: those another node settled are settled here
 * too, the others it takes back.
 *
 * <p>Deliveries stay at least once: an attempt in flight when its node left or came back may be made
 * twice, which receivers recognise by its {@code webhook-id}. A taken-over delivery starts its attempts
 * again.
 */
final class OutboxHandover implements Dispatcher.Handover {

    /** Beyond this many of a node's deliveries in the mirror, new ones wait on disk for their node. */
    static final int MAX_MIRRORED = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(OutboxHandover.class);
    private static final long WATCH_MS = 1_000;
    private static final int RECONCILE_BATCH = 100;

    private final Vertx vertx;
    private final ClusterView cluster;
    private final OutboxMirror mirror;
    private final DeliveryStore deliveries;
    private final SinkRegistry sinks;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final AtomicInteger mirrored = new AtomicInteger();
    private Set<String> members = Set.of();
    private boolean claiming;
    private long timer = -1;

    OutboxHandover(Vertx vertx, ClusterView cluster, OutboxMirror mirror, DeliveryStore deliveries, SinkRegistry sinks,
                   Dispatcher dispatcher, Clock clock) {
        this.vertx = vertx;
        this.cluster = cluster;
        this.mirror = mirror;
        this.deliveries = deliveries;
        this.sinks = sinks;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Mirrors a committed event's deliveries. */
    void stored(WebhookEvent event, Outbox.Stored stored) {
        List<OutboxMirror.Entry> entries = new ArrayList<>();
        for (String sinkId : stored.sinkIds()) {
            Sink sink = sinks.get(sinkId);
            if (sink != null) {
                entries.add(OutboxMirror.entry(cluster.selfId(), stored, event.type(), event.conversationId(), sink));
            }
        }
        put(entries);
    }

    /**
     * Readies the cluster's copy for deliveries this node is about to make pending again. Their recorded
     * outcomes are forgotten: kept, a delivery this node had taken over would be dropped as settled
     * elsewhere at its next attempt, and a node returning with its own pending copy would settle it from
     * the old outcome. They are copied as this node's, so that another node takes them over if it leaves.
     */
    Future<Void> replaying(Sink sink, List<DeliveryStore.Replay> replays) {
        List<OutboxMirror.Entry> entries = replays.stream().map(replay -> OutboxMirror.entry(cluster.selfId(),
                new Outbox.Stored(replay.eventId(), replay.seq(), replay.payload(), replay.createdAt(),
                        List.of(sink.id())), replay.type(), replay.conversationId(), sink)).toList();
        return mirror.forgetOutcomes(entries.stream().map(OutboxMirror.Entry::key).toList())
                .onSuccess(v -> put(entries));
    }

    /**
     * Forgets the deliveries to a sink deleted here or on another node: taken over, they would be sent to
     * a sink that no longer exists. This node's count of its entries is taken again from the map, as another
     * node may have removed some of them.
     */
    void sinkRemoved(String sinkId) {
        mirror.removeSink(sinkId).compose(v -> mirror.ownedBy(cluster.selfId())).onSuccess(mirrored::set)
                .onFailure(failure -> LOG.warn("Deliveries to the deleted webhook sink {} may still be in the cluster's "
                        + "copy: {}", sinkId, failure.getMessage()));
    }

    /** Settles what other nodes settled while this one was away, takes back the rest, then watches the members. */
    Future<Void> start() {
        return reconcile(0, 0).onSuccess(v -> {
            timer = vertx.setPeriodic(WATCH_MS, id -> watch());
            watch();
        });
    }

    void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @Override
    public Future<Boolean> mayAttempt(DeliveryStore.Due due) {
        String key = OutboxMirror.key(due.eventId(), due.sinkId());
        return mirror.get(key).compose(entry -> entry != null ? Future.succeededFuture(cluster.selfId().equals(entry.owner()))
                // Gone from the mirror: settled elsewhere if recorded so; else the mirror lost it, and delivering
                // twice is better than not at all.
                : mirror.outcome(key).map(outcome -> outcome == null));
    }

    @Override
    public void settled(DeliveryStore.Due due, String state) {
        String key = OutboxMirror.key(due.eventId(), due.sinkId());
        Future<?> done = due.handedOverFrom() == null
                ? mirror.remove(key).onSuccess(had -> {
                    if (had) {
                        mirrored.decrementAndGet();
                    }
                })
                : mirror.settled(key, state, cluster.selfId());
        done.onFailure(failure -> LOG.warn("The cluster's copy of webhook delivery {} was not updated: {}", key,
                failure.getMessage()));
    }

    /** Reconciles the backlog a page at a time, a bounded number of cluster look-ups at once. */
    private Future<Void> reconcile(long afterSeq, int seen) {
        // Deliveries to one event share its sequence number: a page ends only after the last one of an event.
        return deliveries.pending(afterSeq, RECONCILE_BATCH).compose(page -> {
            if (page.isEmpty()) {
                if (seen > 0) {
                    LOG.info("Webhook deliveries pending at start: {}; the cluster's copy reconciled", seen);
                }
                return Future.<Void>succeededFuture();
            }
            long last = page.get(page.size() - 1).seq();
            List<DeliveryStore.Due> whole = page.size() < RECONCILE_BATCH ? page
                    : page.stream().filter(due -> due.seq() < last).toList();
            List<DeliveryStore.Due> batch = whole.isEmpty() ? page : whole;
            long next = batch.get(batch.size() - 1).seq();
            return Future.join(batch.stream().map(this::settleOrTakeBack).toList())
                    .compose(v -> reconcile(next, seen + batch.size()));
        }).otherwise(failure -> {
            LOG.warn("Reconciling pending webhook deliveries with the cluster failed; they are delivered from here: {}",
                    failure.getMessage());
            return null;
        });
    }

    private Future<?> settleOrTakeBack(DeliveryStore.Due due) {
        String key = OutboxMirror.key(due.eventId(), due.sinkId());
        return mirror.outcome(key).compose(outcome -> {
            if (outcome != null) {
                return deliveries.record(new DeliveryStore.Settlement(due.sinkId(), due.seq(),
                        outcome.getString("state"), due.attempts(), clock.millis(), 0,
                        "settled by node " + outcome.getString("by") + ", which took it over", null)).mapEmpty();
            }
            return mirror.get(key).compose(entry -> {
                boolean takenOverByLiveNode = entry != null && !entry.owner().equals(cluster.selfId())
                        && cluster.memberIds().contains(entry.owner());
                if (takenOverByLiveNode && due.handedOverFrom() != null) {
                    // This node had taken it over, and another took it from this node while it was away.
                    return deliveries.forget(due.sinkId(), due.seq());
                }
                Sink sink = sinks.get(due.sinkId());
                if (sink != null) {
                    put(List.of(OutboxMirror.entry(cluster.selfId(), new Outbox.Stored(due.eventId(), due.seq(),
                            due.payload(), createdAt(entry), List.of(due.sinkId())), due.type(), due.conversationId(),
                            sink)));
                }
                return Future.succeededFuture();
            });
        });
    }

    private long createdAt(OutboxMirror.Entry entry) {
        return entry == null ? clock.millis() : entry.event().getLong("createdAt");
    }

    private void put(Collection<OutboxMirror.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (mirrored.get() + entries.size() > MAX_MIRRORED) {
            LOG.debug("{} webhook deliveries of this node are in the cluster's copy already; new ones wait here",
                    mirrored.get());
            return;
        }
        mirrored.addAndGet(entries.size());
        mirror.put(entries).onFailure(failure -> {
            mirrored.addAndGet(-entries.size());
            LOG.warn("Webhook deliveries not copied to the cluster (they wait here for this node): {}",
                    failure.getMessage());
        });
    }

    private void watch() {
        Set<String> now = Set.copyOf(cluster.memberIds());
        if (now.equals(members) || claiming) {
            return;
        }
        members = now;
        // One member, the first, takes over what departed members left; every member adopts again what it
        // took over before and has not settled.
        boolean first = cluster.selfId().equals(new TreeSet<>(now).first());
        claiming = true;
        mirror.claim(now, cluster.selfId(), first).compose(this::adopt).onComplete(result -> {
            claiming = false;
            if (result.failed()) {
                LOG.warn("Taking over the webhook deliveries of departed nodes failed; next try at the next change: {}",
                        result.cause().getMessage());
                members = Set.of();
            }
        });
    }

    private Future<Void> adopt(List<OutboxMirror.Entry> claimed) {
        if (claimed.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<?>> adopted = new ArrayList<>();
        long now = clock.millis();
        for (OutboxMirror.Entry entry : claimed) {
            adopted.add(sinks.adopt(entry.sink()).compose(v -> deliveries.adopt(entry, entry.from(), now)));
        }
        return Future.all(adopted).onSuccess(v -> {
            LOG.info("Took over {} pending webhook deliveries of departed nodes (or adopted them again)",
                    claimed.size());
            dispatcher.wake();
        }).mapEmpty();
    }
}
