package io.assisthost.host.http;

import io.assisthost.host.HostFailure;
import io.assisthost.host.recommend.Recommendations;
import io.assisthost.host.recommend.ResultEtag;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/recommendations}, the interaction subscriptions and their latest results
 * ({@code If-None-Match} answered with 304), and {@code GET /api/v1/breakers}.
 */
final class RecommendRoutes {

    private static final int MAX_ID = 200;

    private final Recommendations recommendations;

    RecommendRoutes(Recommendations recommendations) {
        this.recommendations = recommendations;
    }

    void mount(Router router) {
        router.post("/api/v1/recommendations").handler(this::recommend);
        router.put("/api/v1/interactions/:id/subscription").handler(this::subscribe);
        router.get("/api/v1/interactions/:id/subscription").handler(ctx -> recommendations.subscriptions()
                .describe(id(ctx)).onSuccess(subscription -> Responses.json(ctx, 200, subscription)).onFailure(ctx::fail));
        router.delete("/api/v1/interactions/:id/subscription").handler(this::unsubscribe);
        router.get("/api/v1/interactions/:id/recommendations").handler(this::latest);
        router.get("/api/v1/breakers").handler(ctx -> Responses.json(ctx, 200, new JsonObject()
                .put("breakers", recommendations.breakers().describe())));
    }

    private void recommend(RoutingContext ctx) {
        recommendations.service().recommend(JsonBody.of(ctx))
                .onSuccess(recommendation -> {
                    ctx.response().putHeader("ETag", recommendation.etag());
                    Responses.json(ctx, 200, recommendation.toJson());
                })
                .onFailure(ctx::fail);
    }

    private void subscribe(RoutingContext ctx) {
        String id = id(ctx);
        recommendations.subscriptions().subscribe(id, JsonBody.of(ctx))
                .onSuccess(subscription -> {
                    boolean created = subscription.getBoolean("created", false);
                    subscription.remove("created");
                    if (created) {
                        ctx.response().putHeader("Location", "/api/v1/interactions/" + id + "/subscription");
                    }
                    Responses.json(ctx, created ? 201 : 200, subscription);
                })
                .onFailure(ctx::fail);
    }

    private void unsubscribe(RoutingContext ctx) {
        String id = id(ctx);
        recommendations.subscriptions().unsubscribe(id)
                .onSuccess(existed -> {
                    if (existed) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(HostFailure.notFound("interaction " + id + " has no subscription"));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void latest(RoutingContext ctx) {
        String id = id(ctx);
        recommendations.subscriptions().latest(id)
                .onSuccess(latest -> {
                    if (latest == null) {
                        ctx.fail(HostFailure.notFound("no recommendations for interaction " + id
                                + " yet: subscribe it with PUT /api/v1/interactions/" + id + "/subscription"));
                        return;
                    }
                    String etag = latest.getString("etag");
                    ctx.response().putHeader("ETag", etag);
                    if (ResultEtag.matches(ctx.request().getHeader("If-None-Match"), etag)) {
                        ctx.response().setStatusCode(304).end();
                    } else {
                        Responses.json(ctx, 200, latest.getJsonObject("recommendation"));
                    }
                })
                .onFailure(ctx::fail);
    }

    private static String id(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id.isBlank() || id.length() > MAX_ID || id.chars().anyMatch(Character::isISOControl)) {
            throw HostFailure.invalid("the interaction id must be 1 to " + MAX_ID + " characters, none a control character");
        }
        return id;
    }
}
