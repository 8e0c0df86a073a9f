package io.assisthost.host.metrics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This node's live latency per stage, as a dashboard needs it: for each stage (Genesys per knowledge
 * base, each plugin, the pipeline, recording each answer to disk, each webhook sink, trigger to render per
 * action) the count,
 * throughput, error percentage and p50/p95/p99/max over the last 10 and 60 seconds. Prometheus keeps
 * the long-term series; this board answers "what is happening now" without a query language.
 */
public final class LatencyBoard {

    /** Stages and their names. */
    public static final String GENESYS = "genesys";
    public static final String PLUGIN = "plugin";
    public static final String PIPELINE = "pipeline";
    /**
     * From a recommendation's result to the commit of what records it (its audit entry, and for a caller's
     * request its webhook event) and back on the event loop: the wait before the answer. Named
     * {@link #RECOMMENDATION}.
     */
    public static final String STORE = "store";
    /** The name of the {@link #STORE} stage's row for recommendations. */
    public static final String RECOMMENDATION = "recommendation";
    public static final String WEBHOOK = "webhook";
    public static final String RENDER = "render";
    /** A recommendation the primary knowledge base did not serve, named by the strategy that did. */
    public static final String FALLBACK = "fallback";

    private static final int SLOTS = 61;

    private final Clock clock;
    private final Map<String, StageWindow> stages = new ConcurrentHashMap<>();

    public LatencyBoard(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records one call of a stage.
     *
     * @param stage one of the stage constants
     * @param name  what within the stage (a knowledge base, plugin, sink, action; the stage itself for the pipeline)
     * @param ok    whether it succeeded
     */
    public void record(String stage, String name, long nanos, boolean ok) {
        stages.computeIfAbsent(stage + '\u0000' + name, key -> new StageWindow(SLOTS))
                .record(clock.instant().getEpochSecond(), TimeUnit.NANOSECONDS.toMicros(Math.max(0, nanos)), ok);
    }

    /** Records a call refused without being made, such as one an open circuit breaker turned away. */
    public void refuse(String stage, String name) {
        stages.computeIfAbsent(stage + '\u0000' + name, key -> new StageWindow(SLOTS))
                .refuse(clock.instant().getEpochSecond());
    }

    /**
     * The figures of every stage active in the last minute, each with {@code stage}, {@code name} and
     * the windows {@code 10s} and {@code 60s}; the second now filling is not counted.
     */
    public JsonObject snapshot() {
        long now = clock.instant().getEpochSecond();
        JsonArray rows = new JsonArray();
        stages.entrySet().stream()
                .filter(entry -> !entry.getValue().idle(now, 60))
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> {
                    String[] key = entry.getKey().split("\u0000", 2);
                    rows.add(new JsonObject()
                            .put("stage", key[0])
                            .put("name", key[1])
                            .put("10s", entry.getValue().window(now, 10))
                            .put("60s", entry.getValue().window(now, 60)));
                });
        return new JsonObject().put("at", clock.instant().toString()).put("stages", rows);
    }
}
