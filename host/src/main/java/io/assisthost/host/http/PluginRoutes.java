package io.assisthost.host.http;

import io.assisthost.host.HostFailure;
import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.audit.AuditRecord;
import io.assisthost.host.plugins.PluginHost;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /api/v1/plugins}: list, start, stop, reload, and install by uploading a jar as the request
 * body ({@code Content-Type: application/java-archive}).
 */
final class PluginRoutes {

    private static final Set<String> JAR_TYPES =
            Set.of("application/java-archive", "application/x-java-archive", "application/octet-stream", "application/zip");

    private final PluginHost plugins;
    private final long maxUploadBytes;
    private final AuditLog audit;

    PluginRoutes(PluginHost plugins, long maxUploadBytes, AuditLog audit) {
        this.plugins = plugins;
        this.maxUploadBytes = maxUploadBytes;
        this.audit = audit;
    }

    /** Registers the upload route; it must come before the router's general body handler. */
    void mountUpload(Router router) {
        router.post("/api/v1/plugins").handler(this::requireJar);
        router.post("/api/v1/plugins")
                .handler(BodyHandler.create(false).setBodyLimit(maxUploadBytes))
                .handler(this::install);
    }

    void mount(Router router) {
        router.get("/api/v1/plugins").handler(this::list);
        router.post("/api/v1/plugins/:id/start").handler(ctx -> lifecycle(ctx, "start", plugins::startPlugin));
        router.post("/api/v1/plugins/:id/stop").handler(ctx -> lifecycle(ctx, "stop", plugins::stopPlugin));
        router.post("/api/v1/plugins/:id/reload").handler(ctx -> lifecycle(ctx, "reload", plugins::reloadPlugin));
    }

    private void list(RoutingContext ctx) {
        Responses.json(ctx, 200, new JsonObject().put("plugins", new JsonArray(plugins.describe())));
    }

    private void lifecycle(RoutingContext ctx, String change, Function<String, Future<JsonObject>> operation) {
        String id = ctx.pathParam("id");
        JsonObject before = current(id);
        operation.apply(id)
                .compose(plugin -> audited(BearerAuth.actor(ctx), change, id, before, plugin).map(plugin))
                .onSuccess(plugin -> Responses.json(ctx, 200, plugin))
                .onFailure(ctx::fail);
    }

    /** A plugin's description as {@code GET /api/v1/plugins} shows it, or {@code null}. */
    private JsonObject current(String id) {
        return plugins.describe().stream().filter(plugin -> id.equals(plugin.getString("id"))).findFirst()
                .map(JsonObject::copy).orElse(null);
    }

    /** Records a plugin change in the audit log; the caller answers once it is on disk. */
    private Future<Void> audited(String actor, String change, String id, JsonObject before, JsonObject after) {
        JsonObject details = new JsonObject().put("change", change).put("before", summary(before)).put("after", summary(after));
        return audit.append(new AuditRecord("config", actor, null, null, "plugin:" + id, details)).mapEmpty();
    }

    private static JsonObject summary(JsonObject plugin) {
        return plugin == null ? null : new JsonObject().put("version", plugin.getString("version"))
                .put("state", plugin.getString("state")).put("error", plugin.getString("error"));
    }

    private void requireJar(RoutingContext ctx) {
        String mediaType = JsonBody.mediaType(ctx.request().getHeader("Content-Type"));
        if (!JAR_TYPES.contains(mediaType)) {
            Problems.send(ctx, 415, "upload the plugin jar as the request body with Content-Type application/java-archive");
            return;
        }
        ctx.next();
    }

    private void install(RoutingContext ctx) {
        if (ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            ctx.fail(HostFailure.invalid("the request body is empty; send the plugin jar"));
            return;
        }
        plugins.install(ctx.body().buffer())
                .compose(result -> {
                    JsonObject plugin = result.getJsonObject("plugin");
                    String change = result.getBoolean("created") ? "install" : "replace";
                    return audited(BearerAuth.actor(ctx), change, plugin.getString("id"), null, plugin).map(result);
                })
                .onSuccess(result -> {
                    JsonObject plugin = result.getJsonObject("plugin");
                    if ("FAILED".equals(plugin.getString("state"))) {
                        Problems.send(ctx, Problems.problem(400, "plugin " + plugin.getString("id")
                                + " was installed but failed: " + plugin.getString("error"), ctx.request().path())
                                .put("plugin", plugin));
                        return;
                    }
                    boolean created = result.getBoolean("created");
                    ctx.response().putHeader("Location", "/api/v1/plugins/" + plugin.getString("id"));
                    Responses.json(ctx, created ? 201 : 200, plugin);
                })
                .onFailure(ctx::fail);
    }
}
