package io.assisthost.host.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pauses and heap sizes of a JVM's unified GC log ({@code -Xlog:gc:file=…:uptime,timenanos}), read
 * between two marks: the number of lines at the start of a phase and the lines written since.
 */
final class GcLog {

    /** The decorations the log is written with: {@code timenanos} is {@link System#nanoTime()}'s clock. */
    static final String DECORATIONS = "uptime,timenanos";

    // [3.210s][123456789012345ns] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 94M->12M(512M) 3.456ms
    private static final Pattern PAUSE = Pattern.compile("Pause .*? (\\d+)M->(\\d+)M\\((\\d+)M\\) (\\d+\\.\\d+)ms");
    private static final Pattern NANOS = Pattern.compile("\\[(\\d+)ns]");

    /**
     * A pause on the monotonic clock that every JVM on the machine shares with {@link System#nanoTime()}
     * (on Linux), so that another process can tell which of its requests it held up. The log line is
     * written as the pause ends; its length is the collector's, without the time threads took to stop
     * ({@code -Xlog:safepoint} would show it). Collectors that log no pauses
     * (ZGC, Shenandoah) leave every request counted as clear.
     *
     * @param heapAfterMb the heap in use after it
     * @param committedMb the heap committed
     */
    record Pause(long startNanos, long endNanos, long heapAfterMb, long committedMb) {

        double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /** How many lines the log has now. */
    int mark() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    /** The pauses logged after line {@code from}, in order. */
    List<Pause> pauses(int from) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
            Matcher pause = PAUSE.matcher(line);
            Matcher at = NANOS.matcher(line);
            if (pause.find() && at.find()) {
                long end = Long.parseLong(at.group(1));
                pauses.add(new Pause(end - (long) (Double.parseDouble(pause.group(4)) * 1_000_000), end,
                        Long.parseLong(pause.group(2)), Long.parseLong(pause.group(3))));
            }
        }
        return pauses;
    }

    /** {@code pauses}, summarised. */
    static String summary(List<Pause> pauses) {
        double total = pauses.stream().mapToDouble(Pause::millis).sum();
        double longest = pauses.stream().mapToDouble(Pause::millis).max().orElse(0);
        long heapAfter = pauses.stream().mapToLong(Pause::heapAfterMb).max().orElse(0);
        long committed = pauses.stream().mapToLong(Pause::committedMb).max().orElse(0);
        return String.format(Locale.ROOT, "%d pauses, %.1f ms in total, longest %.2f ms; heap after GC at most %d MB"
                + " of %d MB committed", pauses.size(), total, longest, heapAfter, committed);
    }
}
