package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.assisthost.host.plugins.PluginCallException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What happened during one request: stage timings, dropped candidates, skipped plugins. */
final class PipelineTrace {

    private final long started = System.nanoTime();
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private final JsonArray dropped = new JsonArray();
    private final JsonArray skipped = new JsonArray();

    PipelineTrace() {
        nanos.put("genesys", 0L);
        nanos.put("scoring", 0L);
        nanos.put("filtering", 0L);
        nanos.put("fallback", 0L);
    }

    synchronized void time(String stage, long since) {
        nanos.merge(stage, System.nanoTime() - since, Long::sum);
    }

    synchronized void skip(String stage, Throwable failure) {
        JsonObject entry = failure instanceof PluginCallException plugin ? plugin.toJson()
                : new JsonObject().put("reason", "THREW").put("message", String.valueOf(failure.getMessage()));
        skipped.add(entry.put("stage", stage));
    }

    synchronized void drop(Candidate candidate, String reason, String filter) {
        dropped.add(new JsonObject().put("documentId", candidate.documentId()).put("title", candidate.title())
                .put("reason", reason).put("filter", filter));
    }

    synchronized JsonArray dropped() {
        return dropped.copy();
    }

    synchronized JsonArray skipped() {
        return skipped.copy();
    }

    /** Milliseconds per stage, and the total so far. */
    synchronized Map<String, Long> latencyMs() {
        Map<String, Long> millis = new LinkedHashMap<>();
        nanos.forEach((stage, value) -> millis.put(stage, TimeUnit.NANOSECONDS.toMillis(value)));
        millis.put("total", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return millis;
    }
}
