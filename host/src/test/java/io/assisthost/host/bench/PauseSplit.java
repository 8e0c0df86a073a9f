package io.assisthost.host.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A latency of every request with the span it was in flight, to split it by whether the host's collector
 * paused meanwhile: it tells how much of a tail the collector makes and how much the rest of the host does.
 * Not thread-safe: one event loop records.
 */
final class PauseSplit {

    private long[] starts = new long[1 << 16];
    private long[] ends = new long[1 << 16];
    private long[] micros = new long[1 << 16];
    private int size;

    /** A served request: when it was due and answered ({@link System#nanoTime()}), and its latency. */
    void add(long startNanos, long endNanos, long latencyMicros) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            micros = Arrays.copyOf(micros, size * 2);
        }
        starts[size] = startNanos;
        ends[size] = endNanos;
        micros[size++] = latencyMicros;
    }

    /** Every latency recorded. */
    LatencySamples all() {
        LatencySamples all = new LatencySamples();
        for (int i = 0; i < size; i++) {
            all.add(micros[i]);
        }
        return all;
    }

    /** The latencies of the requests during which no pause of {@code pauses} (in order) fell, then of the others. */
    String byPauses(List<GcLog.Pause> pauses) {
        long[] pauseStarts = pauses.stream().mapToLong(GcLog.Pause::startNanos).toArray();
        long[] pauseEnds = pauses.stream().mapToLong(GcLog.Pause::endNanos).toArray();
        LatencySamples clear = new LatencySamples();
        LatencySamples paused = new LatencySamples();
        for (int i = 0; i < size; i++) {
            (overlaps(pauseStarts, pauseEnds, starts[i], ends[i]) ? paused : clear).add(micros[i]);
        }
        return String.format(Locale.ROOT, "with no host GC pause while in flight, %d of %d (%.1f %%): %s;%n"
                        + "      the other %d: %s", clear.count(), size, 100.0 * clear.count() / Math.max(1, size),
                clear.summary(), paused.count(), paused.summary());
    }

    /** Whether a pause of the sorted, disjoint {@code [pauseStarts, pauseEnds]} meets {@code [from, to]}. */
    static boolean overlaps(long[] pauseStarts, long[] pauseEnds, long from, long to) {
        // The first pause ending at or after the request's start is the only candidate.
        int low = 0;
        int high = pauseEnds.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (pauseEnds[middle] < from) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low < pauseStarts.length && pauseStarts[low] <= to;
    }
}
