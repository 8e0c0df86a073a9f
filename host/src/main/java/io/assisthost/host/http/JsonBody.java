package io.assisthost.host.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * The one place that parses API request bodies: a non-empty body must be JSON
 * ({@code application/json} or {@code application/*+json}), else 415; malformed JSON is 400. Routes
 * read the parsed value with {@link #of(RoutingContext)}.
 */
final class JsonBody implements Handler<RoutingContext> {

    private static final String KEY = "assist.json";

    /** The parsed body ({@code JsonObject}, {@code JsonArray} or a scalar), or {@code null} if there was none. */
    static Object of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0) {
            ctx.next();
            return;
        }
        String mediaType = mediaType(ctx.request().getHeader("Content-Type"));
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            Problems.send(ctx, 415, "request bodies must be application/json, not " + (mediaType.isEmpty() ? "untyped" : mediaType));
            return;
        }
        try {
            ctx.put(KEY, Json.decodeValue(ctx.body().buffer()));
        } catch (DecodeException e) {
            Problems.send(ctx, 400, "malformed JSON: " + e.getMessage());
            return;
        }
        ctx.next();
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
    }
}
