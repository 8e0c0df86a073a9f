package io.assisthost.host.actions;

import io.assisthost.host.HostFailure;
import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.audit.AuditRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The one owner of action configuration: creates actions, adds versions, deploys, changes rollouts and
 * retires, each change checked against the revision the caller saw, written to the audit log and to
 * this node's store before it is acknowledged. How a change reaches the cluster is the
 * {@link ActionReplica}'s business.
 */
public final class ActionCatalog {

    private final AuditLog audit;
    private final ActionValidator validator;
    private final Clock clock;
    private final ActionReplica replica;
    private final WorkerExecutor checks;

    ActionCatalog(Vertx vertx, ActionStore store, AuditLog audit, ActionValidator validator, Clock clock) {
        this.replica = new ActionReplica(vertx, store, clock);
        this.audit = audit;
        this.validator = validator;
        this.clock = clock;
        // Validation parses HTML with jsoup: worker threads, so a large card never stalls an event loop.
        this.checks = vertx.createSharedWorkerExecutor("assist-actions-validation", 2);
    }

    /** Calls {@code listener} with every known action after each change, and once at start. */
    public void onChange(Function<List<ActionDocument>, Future<Void>> listener) {
        replica.onChange(listener);
    }

    /** Reconciles this node's store with the cluster and starts following changes. */
    Future<Void> start() {
        return replica.start();
    }

    /** Whether neither this node nor the cluster knows any action: the time to load the samples. */
    boolean empty() {
        return replica.empty();
    }

    Future<Void> close() {
        return replica.close().eventually(checks::close);
    }

    /** Every action known, by name; retired ones only when asked for. */
    public List<ActionDocument> list(boolean withRetired) {
        return replica.list(withRetired);
    }

    /** The action of that name as this node last saw it. */
    public ActionDocument get(String name) {
        return replica.get(name);
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
            return replica.change(definition.name(), current -> {
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
            return Future.failedFuture(replica.find(name) != null ? preconditionRequired(name)
                    : HostFailure.notFound("there is no action " + name));
        }
        return checked(body).compose(checked -> {
            ActionDefinition definition = checked.definition();
            if (!definition.name().equals(name)) {
                return Future.failedFuture(HostFailure.invalidFields(new JsonArray().add(ActionJson.error("name",
                        "must equal the action name of the path", definition.name()))));
            }
            return replica.change(name, current -> {
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
        return body instanceof JsonObject json && json.getValue("name") instanceof String name ? replica.find(name) : null;
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
        return replica.change(name, current -> {
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
        return replica.change(name, current -> {
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
        return replica.change(name, current -> {
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

    private Future<ActionDocument> record(String actor, ActionDocument document, String change, JsonObject before,
                                          JsonObject after) {
        JsonObject details = new JsonObject().put("change", change).put("revision", document.revision())
                .put("before", before).put("after", after);
        return audit.append(new AuditRecord("config", actor, null, document.name(), "action:" + document.name(), details))
                .map(document);
    }
}
