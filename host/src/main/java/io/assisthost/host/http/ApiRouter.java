package io.assisthost.host.http;

import io.assisthost.host.cluster.ClusterView;
import io.assisthost.host.plugins.PluginHost;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Assembles the host's router: open system routes, the token-protected {@code /api/v1/**} routes, the
 * console's static files at {@code /}, and problem+json for every error.
 */
public final class ApiRouter {

    /** HTTP statuses the router itself may produce; each is answered with problem+json. */
    private static final int[] ROUTER_ERRORS = {400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 500, 501, 503};

    private final String apiToken;
    private final long maxBodyBytes;
    private final SystemRoutes system;
    private final PluginRoutes plugins;

    public ApiRouter(String apiToken, long maxBodyBytes, long maxUploadBytes, ClusterView cluster, Readiness readiness,
                     PrometheusMeterRegistry meters, PluginHost pluginHost, String version) {
        this.apiToken = apiToken;
        this.maxBodyBytes = maxBodyBytes;
        this.system = new SystemRoutes(cluster, readiness, meters, version);
        this.plugins = new PluginRoutes(pluginHost, maxUploadBytes);
    }

    public Router create(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff");
            ctx.next();
        });
        system.mountOpen(router);

        router.route("/api/v1/*").handler(new BearerAuth(apiToken));
        plugins.mountUpload(router);
        router.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.route("/api/v1/*").handler(new JsonBody());
        system.mountApi(router);
        plugins.mount(router);

        router.route("/*").method(io.vertx.core.http.HttpMethod.GET).method(io.vertx.core.http.HttpMethod.HEAD).handler(StaticHandler.create("webroot").setCachingEnabled(false));

        router.route().failureHandler(Problems::handle);
        for (int status : ROUTER_ERRORS) {
            router.errorHandler(status, Problems::handle);
        }
        return router;
    }
}
