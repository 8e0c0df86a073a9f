package io.assisthost.host.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin requests (CORS), closed unless {@code http.cors.allowOrigins} names the origin. A
 * preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) from any
 * other origin is answered 403 problem+json without any {@code Access-Control-*} grant, and no other
 * response carries {@code Access-Control-Allow-Origin} for it. A listed origin gets its preflight
 * answered (204) and its responses readable; never with credentials: the API is called with a bearer
 * token, and the console's session cookie stays same-site.
 */
final class CrossOrigin implements Handler<RoutingContext> {

    static final String ALLOW_METHODS = "GET, HEAD, POST, PUT, DELETE";
    static final String ALLOW_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Last-Event-ID";
    static final String EXPOSE_HEADERS = "ETag, Location, Retry-After";
    private static final String MAX_AGE_SECONDS = "600";

    private final Set<String> allowOrigins;

    CrossOrigin(List<String> allowOrigins) {
        this.allowOrigins = allowOrigins.stream().map(CrossOrigin::normalize).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS && origin != null
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
        boolean allowed = origin != null && allowOrigins.contains(normalize(origin));
        if (!allowOrigins.isEmpty()) {
            ctx.response().putHeader("Vary", "Origin");
        }
        if (preflight && !allowed) {
            Problems.send(ctx, 403, "cross-origin requests from this origin are not allowed (http.cors.allowOrigins)");
            return;
        }
        if (allowed) {
            ctx.response().putHeader("Access-Control-Allow-Origin", origin);
        }
        if (preflight) {
            ctx.response().putHeader("Access-Control-Allow-Methods", ALLOW_METHODS)
                    .putHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
                    .putHeader("Access-Control-Max-Age", MAX_AGE_SECONDS)
                    .setStatusCode(204).end();
            return;
        }
        if (allowed) {
            ctx.response().putHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
        ctx.next();
    }

    private static String normalize(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
