package io.assisthost.host.http;

import io.assisthost.host.HostFailure;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * {@code GET /api/v1/stream} as Server-Sent Events, with a comment line as heartbeat every
 * {@value #HEARTBEAT_MS} ms and resumption from {@code Last-Event-ID}; and {@code POST/DELETE
 * /api/v1/session}, which sets and clears the cookie that lets a browser's {@code EventSource}, which
 * cannot send headers, authenticate.
 */
final class StreamRoutes {

    static final long HEARTBEAT_MS = 15_000;

    private final EventStream events;
    private final String token;

    StreamRoutes(EventStream events, String token) {
        this.events = events;
        this.token = token;
    }

    void mount(Router router) {
        router.get("/api/v1/stream").handler(this::stream);
        router.post("/api/v1/session").handler(ctx -> {
            ctx.response().addCookie(Cookie.cookie(BearerAuth.COOKIE, token).setHttpOnly(true)
                    .setSameSite(CookieSameSite.STRICT).setPath("/api/v1/").setSecure(ctx.request().isSSL()));
            ctx.response().setStatusCode(204).end();
        });
        router.delete("/api/v1/session").handler(ctx -> {
            ctx.response().addCookie(Cookie.cookie(BearerAuth.COOKIE, "").setPath("/api/v1/").setMaxAge(0));
            ctx.response().setStatusCode(204).end();
        });
    }

    private void stream(RoutingContext ctx) {
        Long afterId = lastEventId(ctx);
        HttpServerResponse response = ctx.response()
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no")
                .setChunked(true);
        // Retry after 2 s when the connection drops; EventSource then sends Last-Event-ID itself.
        response.write("retry: 2000\n\n");
        Consumer<EventStream.Event> listener = event -> {
            // A client that cannot keep up misses events rather than growing this node's memory.
            if (!response.writeQueueFull() && !response.closed()) {
                response.write(event.frame());
            }
        };
        long heartbeat = ctx.vertx().setPeriodic(HEARTBEAT_MS, id -> {
            if (!response.closed()) {
                response.write(": heartbeat\n\n");
            }
        });
        response.closeHandler(v -> {
            events.unsubscribe(listener);
            ctx.vertx().cancelTimer(heartbeat);
        });
        events.subscribe(afterId, listener);
    }

    private static Long lastEventId(RoutingContext ctx) {
        String header = ctx.request().getHeader("Last-Event-ID");
        String value = header != null ? header : ctx.queryParams().get("lastEventId");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw HostFailure.invalid("Last-Event-ID must be the id of an event of this stream, was "
                    + value);
        }
    }
}
