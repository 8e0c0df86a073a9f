package io.assisthost.host.http;

import io.assisthost.host.HostFailure;
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

    PluginRoutes(PluginHost plugins, long maxUploadBytes) {
        this.plugins = plugins;
        this.maxUploadBytes = maxUploadBytes;
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
        router.post("/api/v1/plugins/:id/start").handler(ctx -> lifecycle(ctx, plugins::startPlugin));
        router.post("/api/v1/plugins/:id/stop").handler(ctx -> lifecycle(ctx, plugins::stopPlugin));
        router.post("/api/v1/plugins/:id/reload").handler(ctx -> lifecycle(ctx, plugins::reloadPlugin));
    }

    private void list(RoutingContext ctx) {
        Responses.json(ctx, 200, new JsonObject().put("plugins", new JsonArray(plugins.describe())));
    }

    private void lifecycle(RoutingContext ctx, Function<String, Future<JsonObject>> operation) {
        operation.apply(ctx.pathParam("id"))
                .onSuccess(plugin -> Responses.json(ctx, 200, plugin))
                .onFailure(ctx::fail);
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
