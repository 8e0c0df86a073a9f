package io.assisthost.host.actions;

import io.assisthost.host.HostFailure;
import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.audit.AuditRecord;
import io.assisthost.host.cluster.SharedMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of action configuration: creates actions, adds versions, deploys, changes rollouts and
 * retires, each change checked against the revision the caller saw, written to the audit log and to
 * this node's store before it is acknowledged.
 *
 * <p>The cluster-wide map {@link SharedMaps#ACTIONS} decides the current revision of each action:
 * changes are compare-and-set on it, so two nodes cannot both turn revision 3 into their own revision 4.
 * After a change the node publishes {@link #CHANGED_ADDRESS}; every node then copies the new revision
 * into its own store and rebuilds what it serves. At start a node reconciles its store with the map
 * both ways, so a cluster restarted node by node keeps every acknowledged change.
 */
public final class ActionCatalog {

    /** Published (body {@code {name, revision}}) after every change, for the other nodes and the console. */
    public static final String CHANGED_ADDRESS = "assist.actions.changed";

    private static final Logger LOG = LoggerFactory.getLogger(ActionCatalog.class);
    private static final int MAX_ATTEMPTS = 8;

    private final Vertx vertx;
    private final ActionStore store;
    private final AuditLog audit;
    private final ActionValidator validator;
    private final Clock clock;
    private final Map<String, ActionDocument> known = new ConcurrentHashMap<>();
    private final List<Function<List<ActionDocument>, Future<Void>>> listeners = new CopyOnWriteArrayList<>();
    private final WorkerExecutor checks;
    private MessageConsumer<JsonObject> changes;

    ActionCatalog(Vertx vertx, ActionStore store, AuditLog audit, ActionValidator validator, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
        // Validation parses HTML with jsoup: worker threads, so a large card never stalls an event loop.
        this.checks = vertx.createSharedWorkerExecutor("assist-actions-validation", 2);
    }

    /**
     * Calls {@code listener} with every known action after each change, and once at start; a change
     * made on this node is acknowledged once the listeners' futures complete.
     */
    public void onChange(Function<List<ActionDocument>, Future<Void>> listener) {
        listeners.add(listener);
    }

    /** Reconciles this node's store with the cluster and starts following changes. */
    Future<Void> start() {
        changes = vertx.eventBus().consumer(CHANGED_ADDRESS, message -> {
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
        Future<Void> unregistered = changes == null ? Future.succeededFuture() : changes.unregister();
        return unregistered.eventually(checks::close);
    }

    /** Every action known, by name; retired ones only when asked for. */
    public List<ActionDocument> list(boolean withRetired) {
        return known.values().stream().filter(document -> withRetired || !document.retired())
                .sorted(Comparator.comparing(ActionDocument::name)).toList();
    }

    /** The action of that name as this node last saw it. */
    public ActionDocument get(String name) {
        ActionDocument document = known.get(name);
        if (document == null) {
            throw HostFailure.notFound("there is no action " + name);
        }
        return document;
    }

    /**
     * What the API shows of an action: its state and, in full, the definition it serves (the deployed
     * version, else the latest) with the CSP its card renders under.
     */
    public JsonObject describe(ActionDocument document) {
        String shown = document.deployedVersion() != null ? document.deployedVersion() : document.latestVersion();
        return document.summary()
                .put("definition", ActionJson.toJson(document.definition(shown)))
                .put("csp", document.csp(shown));
    }

    /**
     * The dry run of saving {@code body}: checked as a new version of the action it names if that
     * exists (so its rollout may name existing versions), else as a new action. The content policy
     * parses HTML, so it runs on a worker thread.
     */
    public Future<JsonObject> validate(Object body) {
        ActionDocument existing = snapshot(body);
        return checks.executeBlocking(() -> validator.validate(body, existing == null || existing.retired() ? null
                : existing), false);
    }

    /** Creates an action from its first version (or brings a retired one back with a new version). */
    public Future<ActionDocument> create(Object body, String actor) {
        return checked(body).compose(checked -> {
            ActionDefinition definition = checked.definition();
            return change(definition.name(), current -> {
                if (current != null && !current.retired()) {
                    throw HostFailure.conflict("action " + definition.name() + " exists; add a version with PUT "
                            + "/api/v1/actions/" + definition.name() + " and If-Match");
                }
                validator.requireRollout(definition, current);
                if (current != null) {
                    requireNewVersion(current, definition.version());
                    return current.withVersion(definition, checked.csp(), actor, clock.instant());
                }
                return ActionDocument.create(definition, checked.csp(), actor, clock.instant());
            }).compose(document -> record(actor, document, "created", null, new JsonObject()
                    .put("version", definition.version()).put("definition", ActionJson.toJson(definition))));
        });
    }

    /** Adds a version; {@code ifMatch} must name the current revision. */
    public Future<ActionDocument> addVersion(String name, String ifMatch, Object body, String actor) {
        if (ifMatch == null) {
            return Future.failedFuture(known.containsKey(name) ? preconditionRequired(name)
                    : HostFailure.notFound("there is no action " + name));
        }
        return checked(body).compose(checked -> {
            ActionDefinition definition = checked.definition();
            if (!definition.name().equals(name)) {
                return Future.failedFuture(HostFailure.invalidFields(new JsonArray().add(ActionJson.error("name",
                        "must equal the action name of the path", definition.name()))));
            }
            return change(name, current -> {
                requireCurrent(name, current, ifMatch, true);
                validator.requireRollout(definition, current);
                requireNewVersion(current, definition.version());
                return current.withVersion(definition, checked.csp(), actor, clock.instant());
            }).compose(document -> record(actor, document, "version added", null, new JsonObject()
                    .put("version", definition.version()).put("definition", ActionJson.toJson(definition))));
        });
    }

    /** A definition that passed every check, with the CSP of its card. */
    private record Checked(ActionDefinition definition, String csp) {
    }

    /** Runs the whole validation, which parses HTML, on a worker thread. */
    private Future<Checked> checked(Object body) {
        ActionDocument existing = snapshot(body);
        return checks.executeBlocking(() -> {
            ActionDefinition definition = validator.require(body, existing);
            return new Checked(definition, validator.csp(definition.html()));
        }, false);
    }

    private ActionDocument snapshot(Object body) {
        return body instanceof JsonObject json && json.getValue("name") instanceof String name ? known.get(name) : null;
    }

    /** Versions of equal precedence (1.0.0+a, 1.0.0+b) count as the same version. */
    private static void requireNewVersion(ActionDocument current, String version) {
        Semver added = Semver.parse(version);
        for (String existing : current.versions()) {
            if (Semver.parse(existing).compareTo(added) == 0) {
                throw HostFailure.conflict("action " + current.name() + " already has version " + existing
                        + (existing.equals(version) ? "" : " (the same precedence as " + version + ")")
                        + "; versions never change, add a new one");
            }
        }
    }

    private static HostFailure preconditionRequired(String name) {
        return new HostFailure(HostFailure.Code.PRECONDITION_REQUIRED, "changing action " + name
                + " needs If-Match with the ETag of GET /api/v1/actions/" + name);
    }

    /**
     * Deploys a version (rolling back is deploying an older one): it serves the rollout its definition
     * proposes, or the whole traffic in group {@code control}.
     */
    public Future<ActionDocument> deploy(String name, String ifMatch, Object body, String actor) {
        String version = deployVersion(body);
        JsonObject[] before = new JsonObject[1];
        return change(name, current -> {
            requireCurrent(name, current, ifMatch, false);
            ActionDefinition definition = current.definition(version);
            if (definition == null) {
                throw HostFailure.notFound("action " + name + " has no version " + version + "; it has "
                        + String.join(", ", current.versions()));
            }
            List<Variant> rollout = definition.rollout().isEmpty() ? List.of(new Variant(version, 100, "control"))
                    : definition.rollout();
            requireVersions(current, rollout, "rollout");
            before[0] = current.deployment();
            return current.deployed(version, rollout, actor, clock.instant());
        }).compose(document -> record(actor, document, "deployed", before[0], document.deployment()));
    }

    /** Replaces the variants and weights being served. */
    public Future<ActionDocument> rollout(String name, String ifMatch, Object body, String actor) {
        JsonArray errors = new JsonArray();
        List<Variant> variants = ActionJson.rollout(body, "rollout", errors);
        if (errors.isEmpty() && variants.isEmpty()) {
            errors.add(HostFailure.fieldError("rollout", "must be an object {\"variants\": [{version, weight, group}]}"));
        }
        if (!errors.isEmpty()) {
            return Future.failedFuture(HostFailure.invalidFields(errors));
        }
        JsonObject[] before = new JsonObject[1];
        return change(name, current -> {
            requireCurrent(name, current, ifMatch, false);
            if (current.deployment() == null) {
                throw HostFailure.conflict("action " + name + " is not deployed; deploy a version first");
            }
            requireVersions(current, variants, "rollout");
            before[0] = current.deployment();
            return current.deployed(current.deployedVersion(), variants, actor, clock.instant());
        }).compose(document -> record(actor, document, "rollout changed", before[0], document.deployment()));
    }

    /** Retires an action: it stops triggering; its versions stay for the record. */
    public Future<ActionDocument> retire(String name, String ifMatch, String actor) {
        JsonObject[] before = new JsonObject[1];
        return change(name, current -> {
            requireCurrent(name, current, ifMatch, true);
            before[0] = current.summary();
            return current.retire(clock.instant());
        }).compose(document -> record(actor, document, "retired", before[0], document.summary()));
    }

    private static String deployVersion(Object body) {
        if (body instanceof JsonObject json && json.getValue("version") instanceof String version && Semver.valid(version)
                && json.size() == 1) {
            return version;
        }
        throw HostFailure.invalidFields(new JsonArray().add(HostFailure.fieldError("version",
                "the body must be {\"version\": \"<semantic version>\"}")));
    }

    private static void requireCurrent(String name, ActionDocument current, String ifMatch, boolean required) {
        if (current == null) {
            throw HostFailure.notFound("there is no action " + name);
        }
        if (ifMatch == null) {
            if (required) {
                throw preconditionRequired(name);
            }
        } else if (!matches(ifMatch, current.etag())) {
            throw new HostFailure(HostFailure.Code.PRECONDITION_FAILED, "action " + name + " has changed: If-Match "
                    + ifMatch + " but the current ETag is " + current.etag());
        }
        if (current.retired()) {
            throw HostFailure.conflict("action " + name + " is retired; create it again with POST /api/v1/actions");
        }
    }

    private static boolean matches(String ifMatch, String etag) {
        for (String candidate : ifMatch.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || trimmed.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static void requireVersions(ActionDocument current, List<Variant> variants, String field) {
        JsonArray errors = new JsonArray();
        for (int i = 0; i < variants.size(); i++) {
            if (!current.hasVersion(variants.get(i).version())) {
                errors.add(ActionJson.error(field + ".variants[" + i + "].version", "is not a version of action "
                        + current.name(), variants.get(i).version()));
            }
        }
        if (!errors.isEmpty()) {
            throw HostFailure.invalidFields(errors);
        }
    }

    /**
     * Applies {@code update} to the current revision with compare-and-set on the cluster map, retrying
     * when another node changed the action in between; then keeps the result in this node's store.
     */
    private Future<ActionDocument> change(String name, UnaryOperator<ActionDocument> update) {
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

    private Future<ActionDocument> record(String actor, ActionDocument document, String change, JsonObject before,
                                          JsonObject after) {
        JsonObject details = new JsonObject().put("change", change).put("revision", document.revision())
                .put("before", before).put("after", after);
        return audit.append(new AuditRecord("config", actor, null, document.name(), "action:" + document.name(), details))
                .map(document);
    }

    private void publish(ActionDocument document) {
        vertx.eventBus().publish(CHANGED_ADDRESS, new JsonObject().put("name", document.name())
                .put("revision", document.revision()));
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
