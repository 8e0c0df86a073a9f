package io.assisthost.host.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.assisthost.host.testing.TestPlugins;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party scorer hangs in every call and ignores interruption, next to the bundled plugins, while
 * recommendations come in waves of concurrent requests. Every request must be answered and served live,
 * scored by the other scorers, with the hung plugin listed in {@code skipped}: timed out until its
 * consecutive failures quarantine it, then not called at all. The figures are printed.
 */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PluginHangScenarioTest {

    private static final int WAVES = 6;
    private static final int WAVE_SIZE = 10;
    private static final int CALL_TIMEOUT_MS = 250;
    private static final int QUARANTINE_AFTER = 5;

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;

    @BeforeEach
    void setUp() throws IOException {
        System.clearProperty(TestPlugins.STUCK_RELEASE);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        TestPlugins.stuckScorer().writeTo(home.resolve("plugins"));
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        host = TestHosts.deploy(vertx, home, new JsonObject().put("plugins", new JsonObject()
                .put("callTimeoutMs", CALL_TIMEOUT_MS).put("quarantineAfterFailures", QUARANTINE_AFTER)));
    }

    @AfterEach
    void tearDown() {
        System.setProperty(TestPlugins.STUCK_RELEASE, "true");
        vertx.close().await();
    }

    @Test
    void aHungPluginIsSkippedThenQuarantinedAndEveryRequestIsServed() {
        Map<String, Integer> stuckSkips = new TreeMap<>();
        Map<String, Integer> served = new TreeMap<>();
        long slowestMs = 0;
        int scoredBySemantic = 0;
        for (int wave = 0; wave < WAVES; wave++) {
            List<Future<JsonObject>> answers = new ArrayList<>();
            long sent = System.nanoTime();
            for (int i = 0; i < WAVE_SIZE; i++) {
                answers.add(recommend("conv-" + wave + "-" + i));
            }
            for (Future<JsonObject> answer : answers) {
                JsonObject reply = answer.await();
                slowestMs = Math.max(slowestMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                served.merge(String.valueOf(reply.getJsonObject("source").getString("strategy")), 1, Integer::sum);
                reply.getJsonArray("skipped").stream().map(JsonObject.class::cast)
                        .filter(skip -> "stuck".equals(skip.getString("plugin")))
                        .forEach(skip -> stuckSkips.merge(skip.getString("reason"), 1, Integer::sum));
                if (reply.getJsonArray("items").stream().map(JsonObject.class::cast)
                        .allMatch(item -> item.getJsonObject("scores").containsKey("semantic"))) {
                    scoredBySemantic++;
                }
            }
        }
        JsonObject stuck = plugin("stuck");
        System.out.printf("hung plugin: %d requests in %d waves of %d; served by %s; the hung plugin skipped %s; slowest"
                        + " wave answered in %d ms; plugin failures %s, quarantine %s%n", WAVES * WAVE_SIZE, WAVES,
                WAVE_SIZE, served, stuckSkips, slowestMs, stuck.getJsonObject("failures"), stuck.getJsonObject("quarantine"));

        assertThat(served).containsExactly(Map.entry("knowledge-search", WAVES * WAVE_SIZE));
        assertThat(scoredBySemantic).as("the other scorer kept scoring").isEqualTo(WAVES * WAVE_SIZE);
        int timedOut = stuckSkips.getOrDefault("TIMED_OUT", 0);
        // Calls already started when the fifth failure quarantined the plugin time out too.
        assertThat(timedOut).isBetween(QUARANTINE_AFTER, QUARANTINE_AFTER + WAVE_SIZE);
        assertThat(stuckSkips).containsOnlyKeys("TIMED_OUT", "QUARANTINED")
                .containsEntry("QUARANTINED", WAVES * WAVE_SIZE - timedOut);
        assertThat(stuck.getJsonObject("quarantine").getBoolean("active")).isTrue();
        assertThat(stuck.getJsonObject("failures").getLong("timeouts")).isEqualTo(timedOut);
        // A request waits for the hung plugin no longer than its budget; the bound leaves room for a slow machine.
        assertThat(slowestMs).isLessThan(CALL_TIMEOUT_MS + 5_000);
    }

    private JsonObject plugin(String id) {
        return TestHosts.call(client, host, HttpMethod.GET, "/api/v1/plugins", null).bodyAsJsonObject()
                .getJsonArray("plugins").stream().map(JsonObject.class::cast)
                .filter(plugin -> id.equals(plugin.getString("id"))).findFirst().orElseThrow();
    }

    private Future<JsonObject> recommend(String conversationId) {
        return Scenarios.recommend(client, host, conversationId);
    }
}
