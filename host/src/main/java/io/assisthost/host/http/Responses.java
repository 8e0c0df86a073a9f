package io.assisthost.host.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Successful JSON responses. */
final class Responses {

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                // Encoded straight to UTF-8 bytes: no String of the whole body on the way.
                .end(body.toBuffer());
    }
}
