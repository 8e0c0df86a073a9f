package io.assisthost.host.http;

import io.assisthost.host.HostFailure;
import io.assisthost.host.actions.Throttled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error as {@code application/problem+json} (RFC 9457): {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, plus extension members where a route adds them.
 */
public final class Problems {

    /** The media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final long DISCARD_MS = 30_000;

    private Problems() {
    }

    /** A problem document for a status, with the standard reason phrase as its title. */
    public static JsonObject problem(int status, String detail, String instance) {
        return new JsonObject()
                .put("type", "about:blank")
                .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
    }

    /** Ends the request with a problem response. */
    public static void send(RoutingContext ctx, int status, String detail) {
        send(ctx, problem(status, detail, ctx.request().path()));
    }

    /** Ends the request with the given problem document. */
    public static void send(RoutingContext ctx, JsonObject problem) {
        if (ctx.response().ended()) {
            return;
        }
        int status = problem.getInteger("status");
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"assist-host\"");
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE);
        if (!ctx.request().isEnded()) {
            discardBody(ctx);
        }
        ctx.response().end(problem.encode());
    }

    /**
     * A request refused before its body was read (413, or 401 and 415 ahead of an upload): the client is
     * still sending, and would neither see the answer nor get its connection back if nobody read on. The
     * rest of the body is read and dropped, for {@value #DISCARD_MS} ms at most, and the connection then
     * closed.
     */
    private static void discardBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ctx.response().putHeader("Connection", "close");
        long timer = ctx.vertx().setTimer(DISCARD_MS, id -> request.connection().close());
        request.handler(ignored -> { })
                .endHandler(v -> ctx.vertx().cancelTimer(timer))
                .exceptionHandler(ignored -> ctx.vertx().cancelTimer(timer))
                .resume();
    }

    /**
     * Answers a request the HTTP decoder could not read, before any route sees it: a request line
     * (the URL) or headers longer than the server accepts, or a request that is not HTTP. The
     * connection is closed, as the decoder cannot tell where the next request would begin.
     */
    public static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        String detail = switch (status) {
            case 414 -> "the request line (method, URL and version) is longer than the host accepts";
            case 431 -> "the request headers are larger than the host accepts";
            default -> "the request is not valid HTTP" + (cause == null ? "" : ": " + cause.getMessage());
        };
        HttpServerResponse response = request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Connection", "close");
        SecurityHeaders.apply(response.headers());
        response.end(problem(status, detail, null).encode());
    }

    /**
     * The failure and error handler of the router: maps whatever failed, or the status the router chose
     * (404, 405, 413, 415, ...), to a problem response.
     */
    public static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        String malformedTarget = JsonBody.malformedTarget(ctx.request().uri());
        if (malformedTarget != null) {
            // The router fails on a path it cannot decode before any handler runs; that is the client's error.
            send(ctx, 400, malformedTarget);
        } else if (failure instanceof HostFailure hostFailure) {
            if (hostFailure instanceof Throttled throttled) {
                ctx.response().putHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            }
            JsonObject problem = problem(hostFailure.code().status(), hostFailure.getMessage(), ctx.request().path());
            if (!hostFailure.errors().isEmpty()) {
                problem.put("errors", hostFailure.errors());
            }
            send(ctx, problem);
        } else if (failure instanceof HttpException httpException) {
            send(ctx, httpException.getStatusCode(), describe(httpException.getStatusCode(), httpException.getPayload()));
        } else if (failure instanceof DecodeException decode) {
            send(ctx, 400, "malformed JSON: " + decode.getMessage());
        } else if (failure != null) {
            String reference = UUID.randomUUID().toString();
            LOG.error("Request {} {} failed (reference {})", ctx.request().method(), ctx.request().path(), reference, failure);
            send(ctx, 500, "internal error; the host log has the details under reference " + reference);
        } else {
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            send(ctx, status, describe(status, null));
        }
    }

    private static String describe(int status, String payload) {
        if (payload != null && !payload.isBlank()) {
            return payload;
        }
        return switch (status) {
            case 400 -> "the request is malformed";
            case 401 -> "missing or wrong bearer token";
            case 404 -> "no such resource";
            case 405 -> "this resource does not support that method";
            case 413 -> "the request body is larger than this route accepts";
            case 415 -> "this route does not accept that Content-Type";
            default -> HttpResponseStatus.valueOf(status).reasonPhrase();
        };
    }
}
