package io.assisthost.host.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

    @Test
    void percentilesAreBucketBoundsCappedAtTheMaximum() {
        long[] counts = new long[0];
        long sum = 0;
        long max = 0;
        // 90 fast renders (40 ms), 9 slower (400 ms), 1 very slow (7 s).
        for (int i = 0; i < 90; i++) {
            counts = LatencyBuckets.add(counts, 40);
            sum += 40;
        }
        for (int i = 0; i < 9; i++) {
            counts = LatencyBuckets.add(counts, 400);
            sum += 400;
        }
        counts = LatencyBuckets.add(counts, 7_000);
        sum += 7_000;
        max = 7_000;
        JsonObject json = LatencyBuckets.toJson(LatencyBuckets.read(LatencyBuckets.write(counts)), sum, max);
        assertThat(json.getLong("count")).isEqualTo(100);
        assertThat(json.getLong("p50Ms")).isEqualTo(50);
        assertThat(json.getLong("p95Ms")).isEqualTo(500);
        assertThat(json.getLong("p99Ms")).isEqualTo(500);
        assertThat(json.getLong("maxMs")).isEqualTo(7_000);
        assertThat(json.getDouble("meanMs")).isEqualTo((90 * 40 + 9 * 400 + 7_000) / 100.0);
        assertThat(json.getJsonArray("buckets").getJsonObject(2).getLong("count")).isEqualTo(90);
    }

    @Test
    void beyondTheLastBoundTheMaximumIsTheAnswer() {
        long[] counts = LatencyBuckets.add(new long[0], 90_000);
        assertThat(LatencyBuckets.percentile(counts, 0.5, 90_000)).isEqualTo(90_000);
        assertThat(LatencyBuckets.percentile(new long[13], 0.5, 0)).isNull();
    }
}
