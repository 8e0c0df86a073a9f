package io.assisthost.host.http;

import io.assisthost.host.actions.Actions;
import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.webhooks.Webhooks;
import io.assisthost.host.cluster.ClusterView;
import io.assisthost.host.plugins.PluginHost;
import io.assisthost.host.recommend.Recommendations;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Assembles the host's router: security headers and the CORS policy on every response, open system
 * routes, the token-protected {@code /api/v1/**} routes, the console's static files at {@code /}, and
 * problem+json for every error.
 */
public final class ApiRouter {

    /** HTTP statuses the router itself may produce; each is answered with problem+json. */
    private static final int[] ROUTER_ERRORS = {400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 500, 501, 503};

    /**
     * What the routes serve.
     *
     * @param nodeDetails this node's details merged into {@code GET /api/v1/cluster} (sandbox port, Genesys)
     * @param emulator    the sandbox emulator, or {@code null} in live mode (no {@code /sandbox} routes)
     */
    public record Parts(List<ApiToken> tokens, List<String> corsAllowOrigins, long maxBodyBytes, long maxUploadBytes,
                        ClusterView cluster,
                        Readiness readiness, PrometheusMeterRegistry meters, PluginHost plugins, String version,
                        Supplier<JsonObject> nodeDetails, GenesysEmulator emulator, Recommendations recommendations,
                        AuditLog audit, Webhooks webhooks, Actions actions) {
    }

    /** The policy of every console response. */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
            + "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final Parts parts;
    private final SystemRoutes system;
    private final PluginRoutes plugins;
    private final EventStream events = new EventStream();

    public ApiRouter(Parts parts) {
        this.parts = parts;
        this.system = new SystemRoutes(parts.cluster(), parts.readiness(), parts.meters(), parts.version(),
                parts.nodeDetails());
        this.plugins = new PluginRoutes(parts.plugins(), parts.maxUploadBytes(), parts.audit());
    }

    public Router create(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        router.route().handler(new CrossOrigin(parts.corsAllowOrigins()));
        system.mountOpen(router);

        BearerAuth auth = new BearerAuth(parts.tokens());
        router.route("/api/v1/*").handler(auth);
        plugins.mountUpload(router);
        router.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(parts.maxBodyBytes()));
        router.route("/api/v1/*").handler(new JsonBody());
        system.mountApi(router);
        plugins.mount(router);
        new RecommendRoutes(parts.recommendations()).mount(router);
        new AuditRoutes(parts.audit()).mount(router);
        new WebhookRoutes(parts.webhooks()).mount(router);
        new ActionRoutes(parts.actions()).mount(router);
        new TranscriptRoutes(parts.actions()).mount(router);
        new StreamRoutes(events).mount(router);
        if (parts.emulator() != null) {
            router.route("/sandbox/*").handler(auth);
            router.route("/sandbox/*").handler(BodyHandler.create(false).setBodyLimit(parts.maxBodyBytes()));
            router.route("/sandbox/*").handler(new JsonBody());
            new SandboxRoutes(parts.emulator()).mount(router);
        }

        // An unknown API resource is not looked for among the console's files.
        router.route("/api/v1/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.fail(404));

        // The console runs only its own files and its libraries' (WebJars): no inline script, no framing.
        router.route("/webjars/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ApiRouter::consoleHeaders)
                .handler(StaticHandler.create("META-INF/resources/webjars"));
        router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ApiRouter::consoleHeaders)
                .handler(StaticHandler.create("webroot").setCachingEnabled(false));

        router.route().failureHandler(Problems::handle);
        for (int status : ROUTER_ERRORS) {
            router.errorHandler(status, Problems::handle);
        }
        return router;
    }

    private static void consoleHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CONSOLE_CSP);
        ctx.next();
    }

    /** Starts following the events the stream sends; the server should listen once this completes. */
    public Future<Void> start(Vertx vertx) {
        return events.start(vertx);
    }

    /** Stops following the events the stream sends. */
    public Future<Void> close() {
        return events.close();
    }
}
