package io.assisthost.host.http;

import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.audit.AuditQuery;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/audit} (filters: interaction, action, kind, from, to; cursor paging) and its verification. */
final class AuditRoutes {

    private final AuditLog audit;

    AuditRoutes(AuditLog audit) {
        this.audit = audit;
    }

    void mount(Router router) {
        router.get("/api/v1/audit").handler(this::query);
        router.get("/api/v1/audit/verify").handler(ctx -> audit.verify()
                .onSuccess(result -> Responses.json(ctx, 200, result)).onFailure(ctx::fail));
    }

    private void query(RoutingContext ctx) {
        AuditQuery query = AuditQuery.of(ctx.queryParams());
        audit.query(query).onSuccess(page -> Responses.json(ctx, 200, page)).onFailure(ctx::fail);
    }
}
