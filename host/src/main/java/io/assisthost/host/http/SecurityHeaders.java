package io.assisthost.host.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts the security headers on every response the router writes, whichever handler writes it (routes,
 * problem+json errors such as 401, 404, 405 and 413, the event stream, the console's files): set as the
 * headers go out, each only where the handler did not choose its own. {@code nosniff},
 * {@code Referrer-Policy: no-referrer}, {@code X-Frame-Options: DENY}, {@code Cache-Control: no-store}
 * (API answers carry data and tokens are sent with them; the WebJars choose their own caching) and a
 * {@code Content-Security-Policy} that lets an API answer load and run nothing (the console's files set
 * the console's policy).
 */
final class SecurityHeaders implements Handler<RoutingContext> {

    /** The policy of every response that is not a console file: a JSON or text answer runs nothing. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> apply(ctx.response().headers()));
        ctx.next();
    }

    static void apply(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        if (!headers.contains("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        if (!headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", API_CSP);
        }
    }
}
