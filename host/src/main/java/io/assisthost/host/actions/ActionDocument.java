package io.assisthost.host.actions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the host keeps about one action, as one JSON document: every version (added, never
 * changed, with the CSP of its card), the deployment (the rollout being served, absent when not deployed), whether it is
 * retired, and a revision counting changes, which is its ETag. Immutable: each change returns a new
 * document one revision on. This document is what the cluster-wide map and each node's store hold.
 */
public final class ActionDocument {

    private final JsonObject json;

    private ActionDocument(JsonObject json) {
        this.json = json;
    }

    /** A document read back from its encoded form. */
    public static ActionDocument decode(String encoded) {
        return new ActionDocument(new JsonObject(encoded));
    }

    /** A new action with its first version. */
    public static ActionDocument create(ActionDefinition first, String csp, String actor, Instant now) {
        JsonObject json = new JsonObject()
                .put("name", first.name())
                .put("revision", 1)
                .put("retired", false)
                .put("createdAt", now.toString())
                .put("updatedAt", now.toString())
                .put("versions", new JsonArray().add(versionEntry(first, csp, actor, now)))
                .putNull("deployment");
        return new ActionDocument(json);
    }

    public String name() {
        return json.getString("name");
    }

    public long revision() {
        return json.getLong("revision");
    }

    /** The strong ETag of this revision. */
    public String etag() {
        return "\"" + revision() + "\"";
    }

    public boolean retired() {
        return json.getBoolean("retired");
    }

    /** The rollout being served, or an empty list when the action is not deployed. */
    public List<Variant> rollout() {
        JsonObject deployment = json.getJsonObject("deployment");
        return deployment == null ? List.of() : ActionJson.readRollout(deployment.getJsonObject("rollout"));
    }

    /** The version named by the last deploy, or {@code null}. */
    public String deployedVersion() {
        JsonObject deployment = json.getJsonObject("deployment");
        return deployment == null ? null : deployment.getString("version");
    }

    /** Whether a version of this number exists. */
    public boolean hasVersion(String version) {
        return entry(version) != null;
    }

    /** A version's definition, or {@code null} if there is none of that number. */
    public ActionDefinition definition(String version) {
        JsonObject entry = entry(version);
        return entry == null ? null : ActionJson.read(entry.getJsonObject("definition")).definition();
    }

    /** The Content-Security-Policy a version's card renders under, worked out when it was saved. */
    public String csp(String version) {
        JsonObject entry = entry(version);
        return entry == null ? null : entry.getString("csp");
    }

    /** Version numbers, in the order they were added. */
    public List<String> versions() {
        List<String> versions = new ArrayList<>();
        json.getJsonArray("versions").forEach(entry -> versions.add(((JsonObject) entry).getString("version")));
        return versions;
    }

    /** The highest version by semantic-version precedence. */
    public String latestVersion() {
        return versions().stream().max(Comparator.comparing(Semver::parse)).orElseThrow();
    }

    /** This document with one more version; a retired action comes back to life undeployed. */
    public ActionDocument withVersion(ActionDefinition definition, String csp, String actor, Instant now) {
        JsonObject next = next(now).put("retired", false);
        next.getJsonArray("versions").add(versionEntry(definition, csp, actor, now));
        return new ActionDocument(next);
    }

    /** This document serving {@code rollout}, deployed as {@code version}. */
    public ActionDocument deployed(String version, List<Variant> rollout, String actor, Instant now) {
        return new ActionDocument(next(now).put("deployment", new JsonObject()
                .put("version", version)
                .put("rollout", ActionJson.rolloutJson(rollout))
                .put("deployedAt", now.toString())
                .put("deployedBy", actor)));
    }

    /** This document retired: not deployed, kept with every version for the record. */
    public ActionDocument retire(Instant now) {
        return new ActionDocument(next(now).put("retired", true).putNull("deployment"));
    }

    /** The deployment: version, rollout, when and by whom; {@code null} when not deployed. */
    public JsonObject deployment() {
        JsonObject deployment = json.getJsonObject("deployment");
        return deployment == null ? null : deployment.copy();
    }

    /** Every version with when and by whom it was added and its definition. */
    public JsonArray versionEntries() {
        return json.getJsonArray("versions").copy();
    }

    /** What the API shows of the action: state, deployment and version numbers, without the contents. */
    public JsonObject summary() {
        String status = retired() ? "retired" : deployment() != null ? "deployed" : "draft";
        return new JsonObject()
                .put("name", name())
                .put("status", status)
                .put("revision", revision())
                .put("latestVersion", latestVersion())
                .put("versions", new JsonArray(versions()))
                .put("deployment", deployment())
                .put("createdAt", json.getString("createdAt"))
                .put("updatedAt", json.getString("updatedAt"));
    }

    public String encode() {
        return json.encode();
    }

    private JsonObject next(Instant now) {
        return json.copy().put("revision", revision() + 1).put("updatedAt", now.toString());
    }

    private JsonObject entry(String version) {
        for (Object entry : json.getJsonArray("versions")) {
            if (((JsonObject) entry).getString("version").equals(version)) {
                return (JsonObject) entry;
            }
        }
        return null;
    }

    private static JsonObject versionEntry(ActionDefinition definition, String csp, String actor, Instant now) {
        return new JsonObject()
                .put("version", definition.version())
                .put("createdAt", now.toString())
                .put("createdBy", actor)
                .put("definition", ActionJson.toJson(definition))
                .put("csp", csp);
    }
}
