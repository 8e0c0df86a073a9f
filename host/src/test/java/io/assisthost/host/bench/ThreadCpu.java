package io.assisthost.host.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of another process's threads, grouped by what they do (event loops, the store, the Genesys client,
 * the JIT compiler, the collector, ...), from Linux's {@code /proc/<pid>/task}: says which part of the host a
 * run's CPU went to. Empty where there is no {@code /proc}. Threads that end between two snapshots are missing
 * from the difference.
 */
final class ThreadCpu {

    /** Thread name prefixes (Linux keeps the first 15 characters) and the part of the host they belong to. */
    private static final Map<String, String> GROUPS = Map.of(
            "vert.x-eventloo", "event loops",
            "vert.x-worker", "Vert.x workers",
            "assist-genesys", "Genesys client",
            "OkHttp", "Genesys client",
            "assist-store", "store",
            "assist-plugin", "plugins",
            "hz.", "Hazelcast",
            "C1 CompilerThre", "JIT compiler",
            "C2 CompilerThre", "JIT compiler");

    /** Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/task/<tid>/stat}, on every common platform. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final Map<String, Long> ticksByTask;
    private final Map<String, String> groupByTask;

    private ThreadCpu(Map<String, Long> ticksByTask, Map<String, String> groupByTask) {
        this.ticksByTask = ticksByTask;
        this.groupByTask = groupByTask;
    }

    static ThreadCpu of(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> list = Files.list(tasks)) {
            list.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // The name in the stat line may hold spaces and parentheses: fields start after the last ')'.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    ticks.put(task.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    groups.put(task.getFileName().toString(), group(Files.readString(task.resolve("comm")).strip()));
                } catch (IOException | RuntimeException ended) {
                    // The thread ended while being read.
                }
            });
        } catch (IOException noProc) {
            return new ThreadCpu(Map.of(), Map.of());
        }
        return new ThreadCpu(ticks, groups);
    }

    private static String group(String name) {
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "collector";
        }
        return GROUPS.entrySet().stream().filter(group -> name.startsWith(group.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("other");
    }

    /** CPU nanoseconds per thread group between {@code earlier} and this snapshot, largest first. */
    Map<String, Long> since(ThreadCpu earlier) {
        Map<String, Long> nanos = new HashMap<>();
        ticksByTask.forEach((task, ticks) -> nanos.merge(groupByTask.get(task),
                (ticks - earlier.ticksByTask.getOrDefault(task, 0L)) * NANOS_PER_TICK, Long::sum));
        return nanos;
    }

    /** The groups that used at least 1 % of the total, as "name µs" per request, largest first. */
    static String perRequest(Map<String, Long> nanos, long requests) {
        long total = nanos.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0 || requests == 0) {
            return "not available here";
        }
        StringBuilder line = new StringBuilder();
        nanos.entrySet().stream()
                .filter(group -> group.getValue() * 100 >= total)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(group -> line.append(line.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                        "%s %.0f", group.getKey(), group.getValue() / 1_000.0 / requests)));
        return line + " µs";
    }
}
