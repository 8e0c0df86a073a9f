package io.assisthost.host.plugins;

import io.assisthost.api.Candidate;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.ScoreRequest;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A plugin host over a temporary plugins folder, with a controllable clock and knowledge search. */
final class PluginHostFixture {

    final Path pluginsDir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final MeterRegistry meters = new SimpleMeterRegistry();
    final CompletableFuture<List<Candidate>> knowledgeAnswer = new CompletableFuture<>();
    final PluginHost host;
    final HostConfig config;

    PluginHostFixture(Vertx vertx, Path home, JsonObject pluginSettings) {
        this.pluginsDir = home.resolve("plugins");
        JsonObject plugins = new JsonObject()
                .put("dir", pluginsDir.toString())
                .put("callTimeoutMs", 200)
                .put("quarantineAfterFailures", 3)
                .put("quarantineMs", 60_000)
                .put("drainTimeoutMs", 10_000)
                .mergeIn(pluginSettings, true);
        this.config = HostConfig.of(new JsonObject().put("plugins", plugins), home);
        PluginServices services = new PluginServices(config.plugins(),
                request -> CompletableFuture.failedFuture(new IOException("no network in this test")), clock, meters)
                .knowledge(query -> knowledgeAnswer);
        this.host = new PluginHost(vertx, config.plugins(), "0.1.0", services);
    }

    JsonObject entry(String id) {
        return host.describe().stream().filter(e -> id.equals(e.getString("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin entry " + id + " in " + host.describe()));
    }

    static ScoreRequest request(String... documentIds) {
        InteractionContext context = new InteractionContext("conv-1", "Voice", null, null, null, null,
                "refund", 10, 0.0, null, null);
        List<Candidate> candidates = java.util.Arrays.stream(documentIds)
                .map(id -> Candidate.of(id, "kb", "Title " + id, "faq", null, "", null, null, null, 0.5))
                .toList();
        return new ScoreRequest(context, candidates);
    }
}
