package io.assisthost.host.http;

import io.assisthost.host.HostFailure;
import io.assisthost.host.actions.ActionCatalog;
import io.assisthost.host.actions.ActionDocument;
import io.assisthost.host.actions.Actions;
import io.assisthost.host.actions.Variant;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Action configuration under {@code /api/v1/actions}: create, add versions, deploy, roll back, change
 * the rollout, retire, dry-run validation and the engagement figures. Each action carries its
 * revision as a strong ETag; adding a version and retiring need {@code If-Match}, deploy and rollout
 * honour it when given.
 */
final class ActionRoutes {

    private final Actions actions;

    ActionRoutes(Actions actions) {
        this.actions = actions;
    }

    void mount(Router router) {
        router.get("/api/v1/actions").handler(this::list);
        router.post("/api/v1/actions/validate").handler(ctx -> catalog().validate(JsonBody.of(ctx))
                .onSuccess(result -> Responses.json(ctx, 200, result)).onFailure(ctx::fail));
        router.post("/api/v1/actions").handler(ctx -> catalog().create(JsonBody.of(ctx), BearerAuth.actor(ctx))
                .onSuccess(document -> {
                    ctx.response().putHeader("Location", "/api/v1/actions/" + document.name());
                    send(ctx, 201, document);
                })
                .onFailure(ctx::fail));
        router.get("/api/v1/actions/:name").handler(this::get);
        router.put("/api/v1/actions/:name").handler(ctx -> respond(ctx, catalog().addVersion(ctx.pathParam("name"),
                ifMatch(ctx), JsonBody.of(ctx), BearerAuth.actor(ctx))));
        router.delete("/api/v1/actions/:name").handler(ctx -> catalog().retire(ctx.pathParam("name"), ifMatch(ctx),
                        BearerAuth.actor(ctx))
                .onSuccess(document -> ctx.response().putHeader("ETag", document.etag()).setStatusCode(204).end())
                .onFailure(ctx::fail));
        router.get("/api/v1/actions/:name/versions").handler(ctx -> {
            ActionDocument document = catalog().get(ctx.pathParam("name"));
            ctx.response().putHeader("ETag", document.etag());
            Responses.json(ctx, 200, new JsonObject().put("name", document.name())
                    .put("versions", document.versionEntries()));
        });
        router.post("/api/v1/actions/:name/deploy").handler(ctx -> respond(ctx, catalog().deploy(ctx.pathParam("name"),
                ifMatch(ctx), JsonBody.of(ctx), BearerAuth.actor(ctx))));
        router.put("/api/v1/actions/:name/rollout").handler(ctx -> respond(ctx, catalog().rollout(ctx.pathParam("name"),
                ifMatch(ctx), JsonBody.of(ctx), BearerAuth.actor(ctx))));
        router.get("/api/v1/actions/:name/metrics").handler(this::metrics);
    }

    private void list(RoutingContext ctx) {
        String retired = ctx.queryParams().get("retired");
        if (retired != null && !retired.equals("true") && !retired.equals("false")
                || ctx.queryParams().getAll("retired").size() > 1) {
            throw HostFailure.invalid("retired must be true or false");
        }
        boolean withRetired = "true".equals(retired);
        JsonArray list = new JsonArray();
        catalog().list(withRetired).forEach(document -> list.add(catalog().describe(document)));
        Responses.json(ctx, 200, new JsonObject().put("actions", list));
    }

    private void get(RoutingContext ctx) {
        ActionDocument document = catalog().get(ctx.pathParam("name"));
        String ifNoneMatch = ctx.request().getHeader("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.trim().equals(document.etag())) {
            ctx.response().putHeader("ETag", document.etag()).setStatusCode(304).end();
            return;
        }
        send(ctx, 200, document);
    }

    private void metrics(RoutingContext ctx) {
        ActionDocument document = catalog().get(ctx.pathParam("name"));
        List<Variant> rollout = document.rollout();
        String control = rollout.isEmpty() ? null : rollout.get(0).group();
        actions.engagements().figures(document.name(), control)
                .onSuccess(figures -> Responses.json(ctx, 200, figures)).onFailure(ctx::fail);
    }

    private void respond(RoutingContext ctx, Future<ActionDocument> change) {
        change.onSuccess(document -> send(ctx, 200, document)).onFailure(ctx::fail);
    }

    private void send(RoutingContext ctx, int status, ActionDocument document) {
        ctx.response().putHeader("ETag", document.etag());
        Responses.json(ctx, status, catalog().describe(document));
    }

    private ActionCatalog catalog() {
        return actions.catalog();
    }

    private static String ifMatch(RoutingContext ctx) {
        return ctx.request().getHeader("If-Match");
    }
}
