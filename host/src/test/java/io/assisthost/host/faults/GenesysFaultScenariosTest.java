package io.assisthost.host.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.recommend.BreakerRegistry;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripted Genesys faults against a host in sandbox mode with the bundled plugins: a 429 storm, a
 * burst of 5xx and answers slower than the breaker's timeout, each on the primary knowledge base while
 * traffic flows in waves of concurrent requests. Each scenario counts how the answers were served,
 * checks that the breaker opened after the configured failures and that no request went unanswered or
 * unserved, then clears the fault and checks the breaker closes again. Tokens expiring in the middle
 * of waves must cost no request and one renewal each. The figures are printed.
 */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GenesysFaultScenariosTest {

    private static final int MAX_FAILURES = 3;
    private static final int WAVES = 6;
    private static final int WAVE_SIZE = 10;

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;
    private final List<String> breakerChanges = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        host = TestHosts.deploy(vertx, home, new JsonObject());
        vertx.eventBus().<JsonObject>consumer(BreakerRegistry.ADDRESS, message -> {
            if (GenesysSandbox.PRIMARY.equals(message.body().getString("knowledgeBaseId"))) {
                breakerChanges.add(message.body().getString("state"));
            }
        }).completion().await();
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void aRateLimitStormIsServedByTheFallbackAndTheBreakerClosesAfterIt() {
        scenario("429 storm", new JsonObject().put("rateLimitRetryAfterSeconds", 1), "RATE_LIMITED");
    }

    @Test
    void aBurstOf5xxIsServedByTheFallbackAndTheBreakerClosesAfterIt() {
        scenario("5xx burst", new JsonObject().put("errorRate", 1.0).put("errorStatus", 503), "SOURCE_FAILED");
    }

    @Test
    void answersSlowerThanTheBreakerTimeoutAreServedByTheFallback() {
        scenario("timeouts", new JsonObject().put("latencyMs", 2_500), "TIMEOUT");
    }

    @Test
    void tokensExpiringUnderLoadAreRenewedOnceEachAndCostNoRequest() {
        long grantsBefore = host.emulator().stats().tokensGranted();
        Map<String, Integer> served = new TreeMap<>();
        int expiries = 0;
        for (int wave = 0; wave < WAVES; wave++) {
            List<Future<JsonObject>> answers = new ArrayList<>();
            for (int i = 0; i < WAVE_SIZE; i++) {
                if (wave % 2 == 1 && i == WAVE_SIZE / 2) {
                    // Half the wave is on its way with the old token when it stops being valid.
                    assertThat(TestHosts.call(client, host, HttpMethod.POST, "/sandbox/faults", new JsonObject()
                            .put("target", "*").put("expireTokens", true)).statusCode()).isEqualTo(200);
                    expiries++;
                }
                answers.add(recommend("conv-" + wave + "-" + i));
            }
            for (Future<JsonObject> answer : answers) {
                served.merge(String.valueOf(answer.await().getJsonObject("source").getString("strategy")), 1,
                        Integer::sum);
            }
        }
        long grants = host.emulator().stats().tokensGranted() - grantsBefore;
        System.out.printf("token expiry: %d requests in %d waves of %d; tokens expired %d times; served by %s; tokens"
                + " granted %d; breaker changes %s%n", WAVES * WAVE_SIZE, WAVES, WAVE_SIZE, expiries, served, grants,
                breakerChanges);

        assertThat(served).containsExactly(Map.entry("knowledge-search", WAVES * WAVE_SIZE));
        assertThat(grants).as("one renewal per expiry, shared by every call that met it").isEqualTo(expiries);
        assertThat(breakerChanges).as("a 401 answered by a renewal is no breaker failure").isEmpty();
    }

    private void scenario(String name, JsonObject fault, String cause) {
        assertThat(TestHosts.call(client, host, HttpMethod.POST, "/sandbox/faults", fault.copy()
                .put("target", GenesysSandbox.PRIMARY)).statusCode()).isEqualTo(200);
        Map<String, Integer> served = new TreeMap<>();
        Map<String, Integer> causes = new TreeMap<>();
        for (int wave = 0; wave < WAVES; wave++) {
            List<Future<JsonObject>> answers = new ArrayList<>();
            for (int i = 0; i < WAVE_SIZE; i++) {
                answers.add(recommend("conv-" + wave + "-" + i));
            }
            for (Future<JsonObject> answer : answers) {
                JsonObject source = answer.await().getJsonObject("source");
                served.merge(String.valueOf(source.getString("strategy")), 1, Integer::sum);
                causes.merge(String.valueOf(source.getString("cause")), 1, Integer::sum);
            }
        }
        int failuresBeforeOpen = causes.getOrDefault(cause, 0);

        long cleared = System.nanoTime();
        host.emulator().faults().clear();
        await().atMost(Duration.ofSeconds(10)).until(() -> "knowledge-search".equals(
                recommend("conv-after").await().getJsonObject("source").getString("strategy")));
        long recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cleared);
        System.out.printf("%s: %d requests in %d waves of %d; served by %s; causes %s; breaker %s; primary served"
                        + " again %d ms after the fault cleared%n", name, WAVES * WAVE_SIZE, WAVES, WAVE_SIZE, served,
                causes, breakerChanges, recoveredMs);

        assertThat(served).as("every request was served, none by nothing").doesNotContainKey("null");
        assertThat(served.get("secondary-knowledge-base")).isEqualTo(WAVES * WAVE_SIZE);
        // Calls already on their way when the breaker opened may each fail too; later ones never reach Genesys.
        assertThat(failuresBeforeOpen).isBetween(MAX_FAILURES, MAX_FAILURES + WAVE_SIZE);
        assertThat(causes.get("CIRCUIT_OPEN")).isEqualTo(WAVES * WAVE_SIZE - failuresBeforeOpen);
        assertThat(breakerChanges).startsWith("OPEN").endsWith("CLOSED").contains("HALF_OPEN");
    }

    private Future<JsonObject> recommend(String conversationId) {
        return Scenarios.recommend(client, host, conversationId);
    }
}
