package io.assisthost.host.metrics;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * One stage's recent latencies: a ring of one-second slots, each with a count, errors, the maximum
 * and a log-scale histogram (25 % wide buckets from 50 µs to beyond five minutes), so the figures of
 * any recent window are the sum of its slots. Thread-safe.
 */
final class StageWindow {

    private static final double FIRST_BOUND_MICROS = 50;
    private static final double GROWTH = 1.25;
    private static final int BUCKETS = 72;

    private final long[] second;
    private final long[] count;
    private final long[] errors;
    private final long[] maxMicros;
    private final long[][] buckets;

    StageWindow(int slots) {
        second = new long[slots];
        count = new long[slots];
        errors = new long[slots];
        maxMicros = new long[slots];
        buckets = new long[slots][BUCKETS];
        Arrays.fill(second, Long.MIN_VALUE);
    }

    synchronized void record(long epochSecond, long micros, boolean ok) {
        int slot = slot(epochSecond);
        count[slot]++;
        if (!ok) {
            errors[slot]++;
        }
        maxMicros[slot] = Math.max(maxMicros[slot], micros);
        buckets[slot][bucket(micros)]++;
    }

    /** Counts a call refused without being made (an open breaker): an error with no latency to show. */
    synchronized void refuse(long epochSecond) {
        int slot = slot(epochSecond);
        count[slot]++;
        errors[slot]++;
    }

    /**
     * The figures of the {@code seconds} seconds before {@code epochSecond} (which is still filling,
     * so left out): {@code count}, {@code perSecond}, {@code errorPercent}, {@code p50Ms},
     * {@code p95Ms}, {@code p99Ms}, {@code maxMs}.
     */
    synchronized JsonObject window(long epochSecond, int seconds) {
        long total = 0;
        long failed = 0;
        long max = 0;
        long timed = 0;
        long[] sum = new long[BUCKETS];
        for (int i = 0; i < second.length; i++) {
            if (second[i] < epochSecond && second[i] >= epochSecond - seconds) {
                total += count[i];
                failed += errors[i];
                max = Math.max(max, maxMicros[i]);
                for (int b = 0; b < BUCKETS; b++) {
                    sum[b] += buckets[i][b];
                    timed += buckets[i][b];
                }
            }
        }
        return new JsonObject()
                .put("count", total)
                .put("perSecond", (double) total / seconds)
                .put("errorPercent", total == 0 ? 0.0 : 100.0 * failed / total)
                .put("p50Ms", percentile(sum, timed, 0.50, max))
                .put("p95Ms", percentile(sum, timed, 0.95, max))
                .put("p99Ms", percentile(sum, timed, 0.99, max))
                .put("maxMs", timed == 0 ? null : max / 1000.0);
    }

    /** Whether nothing was recorded in the {@code seconds} before {@code epochSecond}. */
    synchronized boolean idle(long epochSecond, int seconds) {
        for (int i = 0; i < second.length; i++) {
            if (second[i] < epochSecond && second[i] >= epochSecond - seconds && count[i] > 0) {
                return false;
            }
        }
        return true;
    }

    private int slot(long epochSecond) {
        int slot = (int) Math.floorMod(epochSecond, (long) second.length);
        if (second[slot] != epochSecond) {
            second[slot] = epochSecond;
            count[slot] = 0;
            errors[slot] = 0;
            maxMicros[slot] = 0;
            Arrays.fill(buckets[slot], 0);
        }
        return slot;
    }

    static int bucket(long micros) {
        if (micros <= FIRST_BOUND_MICROS) {
            return 0;
        }
        int index = (int) Math.ceil(Math.log(micros / FIRST_BOUND_MICROS) / Math.log(GROWTH));
        return Math.min(index, BUCKETS - 1);
    }

    static double upperBoundMicros(int bucket) {
        return FIRST_BOUND_MICROS * Math.pow(GROWTH, bucket);
    }

    /** The upper bound of the bucket holding the quantile, capped at the maximum seen; in ms. */
    private static Double percentile(long[] sum, long total, double quantile, long maxMicros) {
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += sum[b];
            if (seen >= rank) {
                return Math.min(upperBoundMicros(b), maxMicros) / 1000.0;
            }
        }
        return maxMicros / 1000.0;
    }
}
