package io.assisthost.host.http;

import io.assisthost.host.cluster.ClusterView;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.function.Supplier;

/** The open routes ({@code /health}, {@code /ready}, {@code /metrics}) and {@code /api/v1/cluster}. */
final class SystemRoutes {

    private final ClusterView cluster;
    private final Readiness readiness;
    private final PrometheusMeterRegistry meters;
    private final String version;
    private final Supplier<JsonObject> nodeDetails;

    SystemRoutes(ClusterView cluster, Readiness readiness, PrometheusMeterRegistry meters, String version,
                 Supplier<JsonObject> nodeDetails) {
        this.cluster = cluster;
        this.readiness = readiness;
        this.meters = meters;
        this.version = version;
        this.nodeDetails = nodeDetails;
    }

    void mountOpen(Router router) {
        router.get("/health").handler(ctx -> Responses.json(ctx, 200, new JsonObject()
                .put("status", "UP")
                .put("node", cluster.selfId())
                .put("version", version)));
        router.get("/ready").handler(ctx -> {
            JsonObject checks = readiness.states();
            boolean ready = checks.stream().allMatch(entry -> "UP".equals(entry.getValue()));
            if (ready) {
                Responses.json(ctx, 200, new JsonObject().put("status", "UP").put("checks", checks));
            } else {
                Problems.send(ctx, Problems.problem(503, "not ready: " + checks.encode(), ctx.request().path())
                        .put("status", 503).put("checks", checks));
            }
        });
        router.get("/metrics").handler(PrometheusScrapingHandler.create(meters));
    }

    void mountApi(Router router) {
        router.get("/api/v1/cluster").handler(ctx -> cluster.describe()
                .onSuccess(description -> Responses.json(ctx, 200, description.mergeIn(nodeDetails.get())))
                .onFailure(ctx::fail));
    }
}
