package io.assisthost.host.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngagementFiguresTest {

    private static EngagementStore.Aggregate row(String version, String group, long triggered, long rendered,
                                                 long accepted, long dismissed) {
        long[] buckets = new long[0];
        for (int i = 0; i < rendered; i++) {
            buckets = LatencyBuckets.add(buckets, 80);
        }
        return new EngagementStore.Aggregate("refund-policy", version, group, triggered, rendered, accepted, dismissed,
                rendered * 80, rendered == 0 ? 0 : 80, buckets);
    }

    @Test
    void ratesPerVariantGroupsAcrossVersionsAndTheTestAgainstControl() {
        // Control served 1.0.0 (600 rendered) and, after a rollback, 1.0.1 (400): 1,000 rendered, 100 accepted.
        // Treatment served 1.1.0: 1,000 rendered, 130 accepted.
        List<EngagementStore.Aggregate> rows = List.of(
                row("1.0.0", "control", 620, 600, 60, 300),
                row("1.0.1", "control", 410, 400, 40, 200),
                row("1.1.0", "treatment", 1_020, 1_000, 130, 450));
        JsonObject figures = EngagementFigures.of("refund-policy", rows, "treatment");

        JsonArray variants = figures.getJsonArray("variants");
        assertThat(variants).hasSize(3);
        assertThat(variants.getJsonObject(0).getDouble("acceptanceRate")).isEqualTo(0.10);
        assertThat(variants.getJsonObject(0).getDouble("dismissalRate")).isEqualTo(0.5);
        assertThat(variants.getJsonObject(2).getJsonObject("renderLatency").getLong("count")).isEqualTo(1_000);

        JsonObject control = figures.getJsonArray("groups").getJsonObject(0);
        assertThat(control.getString("group")).isEqualTo("control");
        assertThat(control.getLong("triggered")).isEqualTo(1_030);
        assertThat(control.getLong("rendered")).isEqualTo(1_000);
        assertThat(control.getLong("accepted")).isEqualTo(100);
        assertThat(control.getJsonObject("renderLatency").getLong("count")).isEqualTo(1_000);

        JsonObject comparison = figures.getJsonObject("comparison");
        assertThat(comparison.getString("control")).as("a group named control wins over the rollout's first")
                .isEqualTo("control");
        JsonObject acceptance = comparison.getJsonArray("tests").getJsonObject(0).getJsonObject("acceptance");
        assertThat(acceptance.getDouble("controlRate")).isEqualTo(0.10);
        assertThat(acceptance.getDouble("rate")).isEqualTo(0.13);
        assertThat(acceptance.getDouble("z")).isCloseTo(2.102740605622114, within(1e-9));
        assertThat(acceptance.getDouble("pValue")).isCloseTo(0.03548845046647473, within(1e-6));
        assertThat(acceptance.getBoolean("significant")).isTrue();
        JsonObject dismissal = comparison.getJsonArray("tests").getJsonObject(0).getJsonObject("dismissal");
        assertThat(dismissal.getDouble("difference")).isCloseTo(-0.05, within(1e-12));
    }

    @Test
    void withoutAControlGroupTheRolloutsFirstIsTheBaseline() {
        JsonObject figures = EngagementFigures.of("a", List.of(row("1.0.0", "short", 10, 10, 2, 1),
                row("1.1.0", "long", 10, 0, 0, 0)), "long");
        assertThat(figures.getJsonObject("comparison").getString("control")).isEqualTo("long");
        JsonObject test = figures.getJsonObject("comparison").getJsonArray("tests").getJsonObject(0);
        assertThat(test.getString("group")).isEqualTo("short");
        assertThat(test.getJsonObject("acceptance").getValue("pValue")).as("no rendered cards, no figure").isNull();
        assertThat(test.getJsonObject("acceptance").getBoolean("significant")).isFalse();
        assertThat(figures.getJsonArray("groups").getJsonObject(1).getValue("acceptanceRate")).isNull();
    }
}
