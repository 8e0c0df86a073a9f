package io.assisthost.host.bench;

import java.util.Arrays;
import java.util.Locale;

/** Every latency of a run, in microseconds, for exact percentiles. Not thread-safe: one event loop records. */
final class LatencySamples {

    private long[] micros = new long[1 << 16];
    private int size;

    void add(long value) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = value;
    }

    int count() {
        return size;
    }

    /** The value at quantile {@code q} (0..1) by nearest rank; 0 when empty. */
    long percentile(double q) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.min(size, Math.max(1, rank)) - 1];
    }

    /** {@code p50 / p95 / p99 / max} in milliseconds. */
    String summary() {
        return String.format(Locale.ROOT, "p50 %7.2f  p95 %7.2f  p99 %7.2f  max %8.2f ms", percentile(0.50) / 1000.0,
                percentile(0.95) / 1000.0, percentile(0.99) / 1000.0, percentile(1.0) / 1000.0);
    }
}
