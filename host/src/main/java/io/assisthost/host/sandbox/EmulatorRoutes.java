package io.assisthost.host.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's HTTP surface, path for path as Genesys Cloud serves it. Every response carries an
 * {@code ININ-Correlation-Id}; every {@code /api/v2} error has Genesys' error body; 429 and 503 carry
 * {@code Retry-After} in whole seconds. Header names are written in Genesys' exact case because the
 * SDK looks them up case-sensitively.
 */
final class EmulatorRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorRoutes.class);
    private static final String CORRELATION = "ININ-Correlation-Id";
    private static final Pattern KNOWLEDGE_BASE_PATH = Pattern.compile("^/api/v2/knowledge/knowledgebases/([^/]+)");
    private static final String KB = "/api/v2/knowledge/knowledgebases/:knowledgeBaseId";
    private static final String CHANNELS = "/api/v2/notifications/channels";

    private final Vertx vertx;
    private final OAuthTokens tokens;
    private final KnowledgeService knowledge;
    private final NotificationHub hub;
    private final FaultSwitches faults;
    private final EmulatorStats stats;
    private final Supplier<String> webSocketBase;

    EmulatorRoutes(Vertx vertx, OAuthTokens tokens, KnowledgeService knowledge, NotificationHub hub, FaultSwitches faults,
                   EmulatorStats stats, Supplier<String> webSocketBase) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.knowledge = knowledge;
        this.hub = hub;
        this.faults = faults;
        this.stats = stats;
        this.webSocketBase = webSocketBase;
    }

    Router router() {
        Router router = Router.router(vertx);
        router.route().handler(this::correlate);
        router.post("/oauth/token").handler(BodyHandler.create(false).setBodyLimit(65_536))
                .handler(this::faultGate).handler(this::token);
        router.get("/channels/:channelId").handler(this::webSocket);
        router.route("/api/v2/*").handler(BodyHandler.create(false).setBodyLimit(1_048_576))
                .handler(this::faultGate).handler(this::authenticate);

        router.get("/api/v2/knowledge/knowledgebases").handler(ctx -> json(ctx, 200, knowledge.knowledgeBases(
                intParam(ctx, "pageSize", 25), ctx.queryParams().get("after"))));
        router.get(KB).handler(ctx -> json(ctx, 200, knowledge.knowledgeBase(ctx.pathParam("knowledgeBaseId"))));
        router.get(KB + "/documents/:documentId").handler(ctx -> json(ctx, 200, knowledge.document(
                ctx.pathParam("knowledgeBaseId"), ctx.pathParam("documentId"), ctx.queryParam("expand"),
                ctx.queryParams().get("state"))));
        router.post(KB + "/documents/search").handler(ctx -> json(ctx, 200, knowledge.search(
                ctx.pathParam("knowledgeBaseId"), bodyObject(ctx), ctx.queryParam("expand").contains("documentVariations"))));
        router.post(KB + "/documents/search/suggestions").handler(ctx -> json(ctx, 200, knowledge.suggest(
                ctx.pathParam("knowledgeBaseId"), bodyObject(ctx))));
        router.patch(KB + "/documents/search/:searchId").handler(ctx -> {
            knowledge.update(ctx.pathParam("knowledgeBaseId"), ctx.pathParam("searchId"), bodyObject(ctx));
            ctx.response().setStatusCode(204).end();
        });

        router.post(CHANNELS).handler(ctx -> json(ctx, 200, hub.createChannel(webSocketBase.get())));
        router.get(CHANNELS + "/:channelId/subscriptions").handler(ctx -> json(ctx, 200,
                hub.subscriptions(ctx.pathParam("channelId"))));
        router.post(CHANNELS + "/:channelId/subscriptions").handler(ctx -> json(ctx, 200,
                hub.subscribe(ctx.pathParam("channelId"), bodyArray(ctx), false)));
        router.put(CHANNELS + "/:channelId/subscriptions").handler(ctx -> json(ctx, 200,
                hub.subscribe(ctx.pathParam("channelId"), bodyArray(ctx), true)));
        router.delete(CHANNELS + "/:channelId/subscriptions").handler(ctx -> {
            hub.unsubscribeAll(ctx.pathParam("channelId"));
            ctx.response().setStatusCode(204).end();
        });

        router.route().failureHandler(this::failure);
        for (int status : new int[]{400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, this::failure);
        }
        return router;
    }

    private void correlate(RoutingContext ctx) {
        String correlationId = UUID.randomUUID().toString();
        ctx.put(CORRELATION, correlationId);
        ctx.response().putHeader(CORRELATION, correlationId);
        stats.enter();
        ctx.addEndHandler(done -> stats.exit());
        ctx.next();
    }

    /** Applies the fault switches of the call's knowledge base (or of every call): delay, then error or go on. */
    private void faultGate(RoutingContext ctx) {
        Matcher matcher = KNOWLEDGE_BASE_PATH.matcher(ctx.request().path());
        FaultSwitches.Fault fault = faults.forCall(matcher.find() ? matcher.group(1) : null);
        if (fault == null) {
            ctx.next();
            return;
        }
        EmulatorError error = fault.error();
        long delay = fault.delayMs();
        Runnable proceed = () -> {
            if (error != null) {
                ctx.fail(error);
            } else {
                ctx.next();
            }
        };
        if (delay > 0) {
            vertx.setTimer(delay, id -> proceed.run());
        } else {
            proceed.run();
        }
    }

    private void token(RoutingContext ctx) {
        try {
            String grantType = ctx.request().getFormAttribute("grant_type");
            if (grantType == null && ctx.body().buffer() != null) {
                grantType = formValue(ctx.body().asString(), "grant_type");
            }
            json(ctx, 200, tokens.grant(ctx.request().getHeader("Authorization"), grantType));
            stats.granted();
        } catch (EmulatorError error) {
            ctx.response().setStatusCode(error.status).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("error", error.code).put("description", error.getMessage())
                            .put("error_description", error.getMessage()).encode());
        }
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.fail(new EmulatorError(401, "authentication.required",
                    "No authentication bearer token specified in authorization header."));
            return;
        }
        if (!tokens.valid(header.substring(7).trim())) {
            ctx.fail(new EmulatorError(401, "bad.credentials", "Invalid login credentials."));
            return;
        }
        ctx.next();
    }

    private void webSocket(RoutingContext ctx) {
        String channelId = ctx.pathParam("channelId");
        if (!hub.exists(channelId)) {
            ctx.fail(EmulatorError.notFound("channel " + channelId + " not found"));
            return;
        }
        ctx.request().toWebSocket()
                .onSuccess(socket -> hub.connect(channelId, socket))
                .onFailure(failure -> LOG.debug("WebSocket upgrade of channel {} failed: {}", channelId, failure.getMessage()));
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        EmulatorError error;
        if (failure instanceof EmulatorError emulatorError) {
            error = emulatorError;
        } else if (failure instanceof DecodeException || failure instanceof ClassCastException) {
            error = EmulatorError.badRequest("The request could not be understood by the server due to malformed syntax.");
        } else if (failure != null) {
            LOG.error("Emulator failed on {} {}", ctx.request().method(), ctx.request().path(), failure);
            error = new EmulatorError(500, "internal.server.error", "The server encountered an unexpected error.");
        } else {
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            error = new EmulatorError(status, status == 404 ? "not.found" : "bad.request",
                    status == 404 ? "The requested resource was not found." : "The request could not be served.");
        }
        if (error.retryAfterSeconds != null) {
            ctx.response().putHeader("Retry-After", String.valueOf(error.retryAfterSeconds));
        }
        String correlationId = ctx.get(CORRELATION);
        ctx.response().setStatusCode(error.status).putHeader("Content-Type", "application/json")
                .end(GenesysJson.error(error.status, error.code, error.getMessage(), correlationId).encode());
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        json(ctx, status, body.toBuffer());
    }

    private static void json(RoutingContext ctx, int status, Buffer body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static JsonObject bodyObject(RoutingContext ctx) {
        if (ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            throw EmulatorError.badRequest("A request body is required.");
        }
        return ctx.body().asJsonObject();
    }

    private static JsonArray bodyArray(RoutingContext ctx) {
        if (ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            throw EmulatorError.badRequest("A request body is required.");
        }
        return ctx.body().asJsonArray();
    }

    private static int intParam(RoutingContext ctx, String name, int defaultValue) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw EmulatorError.badRequest(name + " must be a number");
        }
    }

    private static String formValue(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
