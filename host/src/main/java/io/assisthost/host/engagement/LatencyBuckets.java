package io.assisthost.host.engagement;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The fixed buckets of the trigger-to-render latency histogram. Fixed bounds let counts from any node
 * and any time be added up, and percentiles are read from them to the precision of a bucket.
 */
public final class LatencyBuckets {

    /** Upper bounds in milliseconds; a last, unbounded bucket follows. */
    static final long[] BOUNDS_MS = {10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000};

    private LatencyBuckets() {
    }

    /** The bucket a latency falls in. */
    static int index(long latencyMs) {
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            if (latencyMs <= BOUNDS_MS[i]) {
                return i;
            }
        }
        return BOUNDS_MS.length;
    }

    /** Counts with one more latency added. */
    static long[] add(long[] counts, long latencyMs) {
        long[] next = counts.length == BOUNDS_MS.length + 1 ? counts.clone() : new long[BOUNDS_MS.length + 1];
        if (counts.length != next.length) {
            System.arraycopy(counts, 0, next, 0, Math.min(counts.length, next.length));
        }
        next[index(latencyMs)]++;
        return next;
    }

    static long[] read(String json) {
        JsonArray array = new JsonArray(json);
        long[] counts = new long[BOUNDS_MS.length + 1];
        for (int i = 0; i < Math.min(array.size(), counts.length); i++) {
            counts[i] = array.getLong(i);
        }
        return counts;
    }

    static String write(long[] counts) {
        JsonArray array = new JsonArray();
        for (long count : counts) {
            array.add(count);
        }
        return array.encode();
    }

    /**
     * The upper bound of the bucket holding the {@code quantile} (0 to 1) of the latencies, capped at
     * the largest latency seen; {@code null} when nothing was counted.
     */
    static Long percentile(long[] counts, double quantile, long maxMs) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(rank, 1)) {
                return i < BOUNDS_MS.length ? Math.min(BOUNDS_MS[i], maxMs) : maxMs;
            }
        }
        return maxMs;
    }

    /** The histogram as JSON: count, sum, mean, p50/p95/p99, max and the cumulative-free bucket counts. */
    static JsonObject toJson(long[] counts, long sumMs, long maxMs) {
        long total = 0;
        JsonArray buckets = new JsonArray();
        for (int i = 0; i < counts.length; i++) {
            total += counts[i];
            buckets.add(new JsonObject().put("leMs", i < BOUNDS_MS.length ? BOUNDS_MS[i] : null).put("count", counts[i]));
        }
        return new JsonObject()
                .put("count", total)
                .put("sumMs", sumMs)
                .put("meanMs", total == 0 ? null : (double) sumMs / total)
                .put("p50Ms", percentile(counts, 0.50, maxMs))
                .put("p95Ms", percentile(counts, 0.95, maxMs))
                .put("p99Ms", percentile(counts, 0.99, maxMs))
                .put("maxMs", total == 0 ? null : maxMs)
                .put("buckets", buckets);
    }
}
