package io.assisthost.host.http;

import io.assisthost.host.HostFailure;
import io.assisthost.host.webhooks.DeliveryStore;
import io.assisthost.host.webhooks.Webhooks;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The webhook sinks, their delivery logs and replays under {@code /api/v1/webhooks}. */
final class WebhookRoutes {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final Webhooks webhooks;

    WebhookRoutes(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    void mount(Router router) {
        router.get("/api/v1/webhooks").handler(ctx -> Responses.json(ctx, 200,
                new JsonObject().put("webhooks", webhooks.sinks().describe())));
        router.post("/api/v1/webhooks").handler(ctx -> webhooks.sinks().create(JsonBody.of(ctx), BearerAuth.actor(ctx))
                .onSuccess(sink -> {
                    ctx.response().putHeader("Location", "/api/v1/webhooks/" + sink.getString("id"));
                    Responses.json(ctx, 201, sink);
                })
                .onFailure(ctx::fail));
        router.get("/api/v1/webhooks/:id").handler(ctx -> webhooks.describe(ctx.pathParam("id"))
                .onSuccess(sink -> Responses.json(ctx, 200, sink)).onFailure(ctx::fail));
        router.put("/api/v1/webhooks/:id").handler(ctx -> webhooks.sinks().update(ctx.pathParam("id"), JsonBody.of(ctx), BearerAuth.actor(ctx))
                .onSuccess(sink -> Responses.json(ctx, 200, sink)).onFailure(ctx::fail));
        router.delete("/api/v1/webhooks/:id").handler(this::delete);
        router.get("/api/v1/webhooks/:id/deliveries").handler(this::deliveries);
        router.post("/api/v1/webhooks/:id/replay").handler(ctx -> webhooks.replay(ctx.pathParam("id"), JsonBody.of(ctx), BearerAuth.actor(ctx))
                .onSuccess(result -> Responses.json(ctx, 202, result)).onFailure(ctx::fail));
    }

    private void delete(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        webhooks.sinks().delete(id, BearerAuth.actor(ctx))
                .onSuccess(existed -> {
                    if (existed) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(HostFailure.notFound("there is no webhook sink " + id));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void deliveries(RoutingContext ctx) {
        String state = ctx.queryParams().get("state");
        if (state != null && !List.of(DeliveryStore.PENDING, DeliveryStore.DELIVERED, DeliveryStore.DEAD).contains(state)) {
            throw HostFailure.invalid("state must be pending, delivered or dead, was " + state);
        }
        int limit = number(ctx.queryParams().get("limit"), "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HostFailure.invalid("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        String cursor = ctx.queryParams().get("cursor");
        Long before = cursor == null ? null : (long) number(cursor, "cursor", 0);
        webhooks.deliveries(ctx.pathParam("id"), state, before, limit)
                .onSuccess(page -> Responses.json(ctx, 200, page)).onFailure(ctx::fail);
    }

    private static int number(String text, String name, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw HostFailure.invalid(name + " must be a whole number, was " + text);
        }
    }
}
