package io.assisthost.host.http;

import io.vertx.core.Context;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * {@code GET /api/v1/stream} as Server-Sent Events, with a comment line as heartbeat every
 * {@value #HEARTBEAT_MS} ms and resumption from {@code Last-Event-ID}; and {@code POST/DELETE
 * /api/v1/session}, which sets and clears the cookie that lets a browser's {@code EventSource}, which
 * cannot send headers, authenticate. The cookie is derived from the token that asked for it, whatever its
 * scope: the stream needs any valid token. Setting it answers the token's name and scope, so that the
 * console offers a read token no changes it would refuse.
 */
final class StreamRoutes {

    static final long HEARTBEAT_MS = 15_000;
    private static final String STREAM = "/api/v1/stream";
    // Room for the whole backlog of a reconnecting client.
    private static final int WRITE_QUEUE_BYTES = 8 * 1024 * 1024;

    private final EventStream events;

    StreamRoutes(EventStream events) {
        this.events = events;
    }

    void mount(Router router) {
        router.get(STREAM).handler(this::stream);
        router.post("/api/v1/session").handler(ctx -> {
            boolean https = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
            ApiToken caller = BearerAuth.caller(ctx);
            ctx.response().addCookie(Cookie.cookie(BearerAuth.COOKIE, BearerAuth.sessionValue(caller.secret())).setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setPath(STREAM).setSecure(https));
            Responses.json(ctx, 200, new JsonObject().put("name", caller.name()).put("scope", caller.scope().label()));
        });
        router.delete("/api/v1/session").handler(ctx -> {
            ctx.response().addCookie(Cookie.cookie(BearerAuth.COOKIE, "").setPath(STREAM).setMaxAge(0));
            ctx.response().setStatusCode(204).end();
        });
    }

    private void stream(RoutingContext ctx) {
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        EventStream.Resume from = events.resume(lastEventId != null ? lastEventId : ctx.queryParams().get("lastEventId"));
        HttpServerResponse response = ctx.response()
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no")
                .setChunked(true)
                .setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        // Retry after 2 s when the connection drops; EventSource then sends Last-Event-ID itself.
        response.write("retry: 2000\n\n");
        Context context = ctx.vertx().getOrCreateContext();
        long[] sent = {from != null && from.known() ? from.seq() : -1};
        Consumer<EventStream.Event> listener = event -> context.runOnContext(v -> {
            // Events are written on the request's own context, in order, each once.
            if (response.closed() || event.seq() <= sent[0]) {
                return;
            }
            if (response.writeQueueFull()) {
                // Rather than skip an event, end the stream: the client comes back with its last id.
                response.reset();
                return;
            }
            sent[0] = event.seq();
            response.write(event.frame());
        });
        long heartbeat = ctx.vertx().setPeriodic(HEARTBEAT_MS, id -> {
            if (!response.closed()) {
                response.write(": heartbeat\n\n");
            }
        });
        response.closeHandler(v -> {
            events.unsubscribe(listener);
            ctx.vertx().cancelTimer(heartbeat);
        });
        if (!events.subscribe(from, listener)) {
            response.write("event: reset\ndata: {\"reason\":\"events after the last one received are no longer kept\"}\n\n");
        }
    }
}
