package io.assisthost.host.engagement;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an action's aggregates into the figures of {@code GET /api/v1/actions/{name}/metrics}: counts,
 * rates and the trigger-to-render latency histogram per version and variant; the same per A/B group
 * across versions; and each group's acceptance and dismissal rates tested against the control group.
 * Rates are per rendered card: a card the agent never saw cannot be accepted.
 */
final class EngagementFigures {

    /** The significance level the figures call significant. */
    static final double ALPHA = 0.05;

    private EngagementFigures() {
    }

    /**
     * @param control the control group: the one named {@code control}, else the first variant of the
     *                current rollout, else the first group with figures
     */
    static JsonObject of(String action, List<EngagementStore.Aggregate> rows, String control) {
        JsonArray byVersion = new JsonArray();
        Map<String, EngagementStore.Aggregate> byGroup = new LinkedHashMap<>();
        for (EngagementStore.Aggregate row : rows) {
            byVersion.add(figures(row).put("version", row.version()).put("group", row.variant()));
            byGroup.merge(row.variant(), row, EngagementFigures::sum);
        }
        JsonArray groups = new JsonArray();
        byGroup.values().forEach(group -> groups.add(figures(group).put("group", group.variant())));
        String controlGroup = byGroup.containsKey("control") ? "control"
                : control != null && byGroup.containsKey(control) ? control
                : byGroup.isEmpty() ? null : byGroup.keySet().iterator().next();
        JsonArray tests = new JsonArray();
        if (controlGroup != null) {
            EngagementStore.Aggregate a = byGroup.get(controlGroup);
            for (EngagementStore.Aggregate b : byGroup.values()) {
                if (!b.variant().equals(controlGroup)) {
                    tests.add(new JsonObject().put("group", b.variant())
                            .put("acceptance", test(Significance.test(a.accepted(), a.rendered(), b.accepted(), b.rendered())))
                            .put("dismissal", test(Significance.test(a.dismissed(), a.rendered(), b.dismissed(), b.rendered()))));
                }
            }
        }
        return new JsonObject()
                .put("action", action)
                .put("variants", byVersion)
                .put("groups", groups)
                .put("comparison", new JsonObject()
                        .put("method", "two-proportion z-test, two-sided, pooled standard error")
                        .put("alpha", ALPHA)
                        .put("control", controlGroup)
                        .put("tests", tests));
    }

    private static JsonObject figures(EngagementStore.Aggregate row) {
        return new JsonObject()
                .put("triggered", row.triggered())
                .put("rendered", row.rendered())
                .put("accepted", row.accepted())
                .put("dismissed", row.dismissed())
                .put("acceptanceRate", rate(row.accepted(), row.rendered()))
                .put("dismissalRate", rate(row.dismissed(), row.rendered()))
                .put("renderLatency", LatencyBuckets.toJson(row.latencyBuckets(), row.latencySumMs(), row.latencyMaxMs()));
    }

    private static JsonObject test(Significance.Result result) {
        return new JsonObject()
                .put("controlRate", finite(result.rateA()))
                .put("rate", finite(result.rateB()))
                .put("difference", finite(result.difference()))
                .put("z", finite(result.z()))
                .put("pValue", finite(result.pValue()))
                .put("significant", result.significantAt(ALPHA));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static EngagementStore.Aggregate sum(EngagementStore.Aggregate a, EngagementStore.Aggregate b) {
        long[] buckets = new long[Math.max(a.latencyBuckets().length, b.latencyBuckets().length)];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = (i < a.latencyBuckets().length ? a.latencyBuckets()[i] : 0)
                    + (i < b.latencyBuckets().length ? b.latencyBuckets()[i] : 0);
        }
        return new EngagementStore.Aggregate(a.action(), "*", a.variant(), a.triggered() + b.triggered(),
                a.rendered() + b.rendered(), a.accepted() + b.accepted(), a.dismissed() + b.dismissed(),
                a.latencySumMs() + b.latencySumMs(), Math.max(a.latencyMaxMs(), b.latencyMaxMs()), buckets);
    }
}
