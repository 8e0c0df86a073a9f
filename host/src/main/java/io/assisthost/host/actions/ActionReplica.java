package io.assisthost.host.actions;

import io.assisthost.host.HostFailure;
import io.assisthost.host.cluster.SharedMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's replica of the action documents and the way every change reaches the others. The
 * cluster-wide map {@link SharedMaps#ACTIONS} decides the current revision of each action: changes are
 * compare-and-set on it, so two nodes cannot both turn revision 3 into their own revision 4. After a
 * change the node publishes {@link #CHANGED_ADDRESS}; every other node then copies the new revision
 * into its own store and rebuilds what it serves. At start a node reconciles its store with the map
 * both ways, so a cluster restarted node by node keeps every acknowledged change.
 */
final class ActionReplica {

    /** Published (body {@code {name, revision, replica}}) after every change, for the other nodes. */
    static final String CHANGED_ADDRESS = "assist.actions.changed";

    private static final Logger LOG = LoggerFactory.getLogger(ActionReplica.class);
    private static final int MAX_ATTEMPTS = 8;

    private final Vertx vertx;
    private final ActionStore store;
    private final Clock clock;
    // Names this replica's own announcements, which it has already applied.
    private final String id = UUID.randomUUID().toString();
    private final Map<String, ActionDocument> known = new ConcurrentHashMap<>();
    private final List<Function<List<ActionDocument>, Future<Void>>> listeners = new CopyOnWriteArrayList<>();
    private MessageConsumer<JsonObject> changes;

    ActionReplica(Vertx vertx, ActionStore store, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Calls {@code listener} with every known action after each change, and once at start; a change
     * made on this node is acknowledged once the listeners' futures complete.
     */
    void onChange(Function<List<ActionDocument>, Future<Void>> listener) {
        listeners.add(listener);
    }

    /** Reconciles this node's store with the cluster and starts following changes. */
    Future<Void> start() {
        changes = vertx.eventBus().consumer(CHANGED_ADDRESS, message -> {
            if (id.equals(message.body().getString("replica"))) {
                return;
            }
            String name = message.body().getString("name");
            map().compose(map -> map.get(name))
                    .compose(encoded -> encoded == null ? Future.succeededFuture() : adopt(ActionDocument.decode(encoded)))
                    .onFailure(failure -> LOG.warn("Action {} not refreshed: {}", name, failure.getMessage()));
        });
        return changes.completion()
                .compose(v -> store.loadAll())
                .compose(this::reconcile)
                .compose(v -> notifyListeners());
    }

    /** Whether neither this node nor the cluster knows any action: the time to load the samples. */
    boolean empty() {
        return known.isEmpty();
    }

    Future<Void> close() {
        return changes == null ? Future.succeededFuture() : changes.unregister();
    }

    /** The action of that name as this node last saw it, or {@code null}. */
    ActionDocument find(String name) {
        return known.get(name);
    }

    /** Every action known, by name; retired ones only when asked for. */
    List<ActionDocument> list(boolean withRetired) {
        return known.values().stream().filter(document -> withRetired || !document.retired())
                .sorted(Comparator.comparing(ActionDocument::name)).toList();
    }

    /** The action of that name as this node last saw it. */
    ActionDocument get(String name) {
        ActionDocument document = known.get(name);
        if (document == null) {
            throw HostFailure.notFound("there is no action " + name);
        }
        return document;
    }

    /**
     * Applies {@code update} to the current revision with compare-and-set on the cluster map, retrying
     * when another node changed the action in between; then keeps the result in this node's store.
     */
    Future<ActionDocument> change(String name, UnaryOperator<ActionDocument> update) {
        return map().compose(map -> attempt(map, name, update, 1));
    }

    private Future<ActionDocument> attempt(AsyncMap<String, String> map, String name, UnaryOperator<ActionDocument> update,
                                           int attempt) {
        return map.get(name).compose(encoded -> {
            ActionDocument next = update.apply(encoded == null ? null : ActionDocument.decode(encoded));
            Future<Boolean> swapped = encoded == null
                    ? map.putIfAbsent(name, next.encode()).map(previous -> previous == null)
                    : map.replaceIfPresent(name, encoded, next.encode());
            return swapped.compose(won -> {
                if (won) {
                    // Published first, so the other nodes converge even if this node's own write fails.
                    publish(next);
                    return adopt(next).map(next);
                }
                if (attempt == MAX_ATTEMPTS) {
                    return Future.failedFuture(HostFailure.conflict("action " + name
                            + " is being changed concurrently; try again"));
                }
                return attempt(map, name, update, attempt + 1);
            });
        });
    }

    private void publish(ActionDocument document) {
        vertx.eventBus().publish(CHANGED_ADDRESS, new JsonObject().put("name", document.name())
                .put("revision", document.revision()).put("replica", id));
    }

    /** Keeps a revision if it is newer than the one known here, durably, and tells the listeners. */
    private Future<Void> adopt(ActionDocument document) {
        return keep(document).compose(kept -> kept ? notifyListeners() : Future.succeededFuture());
    }

    private Future<Boolean> keep(ActionDocument document) {
        ActionDocument current = known.get(document.name());
        if (current != null && current.revision() >= document.revision()) {
            return Future.succeededFuture(false);
        }
        return store.save(document, clock.instant()).map(v -> {
            known.merge(document.name(), document, (a, b) -> a.revision() >= b.revision() ? a : b);
            return true;
        });
    }

    private Future<Void> reconcile(List<ActionDocument> stored) {
        stored.forEach(document -> known.put(document.name(), document));
        return map().compose(map -> {
            Future<Void> pushed = Future.succeededFuture();
            for (ActionDocument document : stored) {
                pushed = pushed.compose(v -> push(map, document));
            }
            return pushed.compose(v -> map.values()).compose(values -> {
                Future<Void> pulled = Future.succeededFuture();
                for (String encoded : values) {
                    ActionDocument document = ActionDocument.decode(encoded);
                    pulled = pulled.compose(v -> keep(document).mapEmpty());
                }
                return pulled;
            });
        });
    }

    /** Offers this node's copy to the cluster, where it wins only over an older revision. */
    private Future<Void> push(AsyncMap<String, String> map, ActionDocument document) {
        return map.get(document.name()).compose(encoded -> {
            if (encoded == null) {
                return map.putIfAbsent(document.name(), document.encode()).onSuccess(previous -> {
                    if (previous == null) {
                        publish(document);
                    }
                }).mapEmpty();
            }
            if (ActionDocument.decode(encoded).revision() < document.revision()) {
                // The running nodes learn of the newer revision this node brought back.
                return map.replaceIfPresent(document.name(), encoded, document.encode()).onSuccess(replaced -> {
                    if (replaced) {
                        publish(document);
                    }
                }).mapEmpty();
            }
            return Future.succeededFuture();
        });
    }

    private Future<Void> notifyListeners() {
        List<ActionDocument> all = list(true);
        return Future.all(listeners.stream().map(listener -> listener.apply(all)).toList()).mapEmpty();
    }

    private Future<AsyncMap<String, String>> map() {
        return vertx.sharedData().getAsyncMap(SharedMaps.ACTIONS);
    }
}
