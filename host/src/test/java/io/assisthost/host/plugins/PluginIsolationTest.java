package io.assisthost.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.api.Score;
import io.assisthost.api.ScoreRequest;
import io.assisthost.api.Scorer;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.PluginJarBuilder;
import io.assisthost.host.testing.TestPlugins;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginIsolationTest {

    @TempDir
    Path home;

    private Vertx vertx;
    private PluginHostFixture fixture;
    private PluginInvoker invoker;
    private PluginInvoker smallPool;

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        // A reload waits this long for a call stuck past interruption before it stops the plugin anyway.
        fixture = new PluginHostFixture(vertx, home, new JsonObject().put("drainTimeoutMs", 100));
        invoker = new PluginInvoker(vertx, 4, fixture.config.plugins().callTimeout());
    }

    @AfterEach
    void tearDown() {
        // Lets the threads of a stuck scorer go, so that the host's close need not wait for them.
        System.setProperty(TestPlugins.STUCK_RELEASE, "true");
        if (smallPool != null) {
            smallPool.close();
        }
        invoker.close();
        fixture.host.close().await();
        vertx.close().await();
    }

    private PluginExtension<Scorer> load(PluginJarBuilder plugin) throws IOException {
        plugin.writeTo(fixture.pluginsDir);
        fixture.host.start().await();
        return fixture.host.registry().scorers().get(0);
    }

    /** The scorer contract's check: every score names a candidate of the request. */
    private Future<List<Score>> score(PluginExtension<Scorer> scorer) {
        return score(invoker, scorer);
    }

    private static Future<List<Score>> score(PluginInvoker invoker, PluginExtension<Scorer> scorer) {
        ScoreRequest request = PluginHostFixture.request("d1", "d2");
        Set<String> ids = request.candidates().stream().map(c -> c.documentId()).collect(Collectors.toSet());
        return invoker.call(scorer, s -> s.score(request), scores -> scores.stream()
                .filter(score -> !ids.contains(score.documentId())).findFirst()
                .map(score -> "scored unknown document " + score.documentId()).orElse(null));
    }

    private static PluginCallException failure(Future<?> call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::await);
        assertThat(thrown).isInstanceOf(PluginCallException.class);
        return (PluginCallException) thrown;
    }

    @Test
    void throwingPluginIsReportedAndCounted() throws IOException {
        PluginExtension<Scorer> scorer = load(TestPlugins.throwingScorer());
        PluginCallException failure = failure(score(scorer));
        assertThat(failure.reason()).isEqualTo(PluginCallException.Reason.THREW);
        assertThat(failure.toJson().getString("message")).contains("scorer exploded");
        assertThat(failure.toJson().getString("plugin")).isEqualTo("throwing");
        JsonObject failures = fixture.entry("throwing").getJsonObject("failures");
        assertThat(failures.getLong("total")).isEqualTo(1);
        assertThat(failures.getString("lastError")).contains("THREW").contains("scorer exploded");
    }

    @Test
    void hangingPluginTimesOutWithinItsBudgetAndIsInterrupted() throws IOException {
        PluginExtension<Scorer> scorer = load(TestPlugins.hangingScorer());
        PluginCallException failure = failure(score(scorer));
        assertThat(failure.reason()).isEqualTo(PluginCallException.Reason.TIMED_OUT);
        assertThat(failure.getMessage()).contains("no result within 200 ms");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Counter interrupted = fixture.meters.find("assist.plugin.interrupted").tag("plugin", "hanging").counter();
            return interrupted != null && interrupted.count() == 1.0;
        });
        assertThat(fixture.entry("hanging").getJsonObject("failures").getLong("timeouts")).isEqualTo(1);
        await().until(() -> fixture.entry("hanging").getInteger("inFlight") == 0);
    }

    @Test
    void aCallThatWaitedPastItsBudgetForABusyWorkerIsNotCountedAgainstItsPlugin() throws IOException {
        PluginInvoker oneWorker = stuckAndGoodScorers(1);
        assertThat(failure(score(oneWorker, scorer("stuck"))).reason()).as("holds the only worker past its budget")
                .isEqualTo(PluginCallException.Reason.TIMED_OUT);
        PluginCallException waited = failure(score(oneWorker, scorer("good")));
        assertThat(waited.reason()).isEqualTo(PluginCallException.Reason.SATURATED);
        assertThat(waited.getMessage()).contains("waited 200 ms for a plugin worker thread");
        assertThat(fixture.entry("good").getJsonObject("failures").getLong("total")).isZero();
    }

    @Test
    void aPluginStuckPastInterruptionHoldsHalfThePoolAtMostAndTheOthersGoOn() throws IOException {
        PluginInvoker twoWorkers = stuckAndGoodScorers(2);
        assertThat(failure(score(twoWorkers, scorer("stuck"))).reason()).isEqualTo(PluginCallException.Reason.TIMED_OUT);
        PluginCallException refused = failure(score(twoWorkers, scorer("stuck")));
        assertThat(refused.reason()).isEqualTo(PluginCallException.Reason.SATURATED);
        assertThat(refused.getMessage()).contains("1 of its calls still run past their budget");

        assertThat(score(twoWorkers, scorer("good")).await()).as("the other worker is free").isNotEmpty();
        assertThat(fixture.entry("stuck").getJsonObject("failures").getLong("total")).as("refusals not counted")
                .isEqualTo(1);
    }

    @Test
    void aCallStuckPastInterruptionStillHoldsItsPluginsShareAfterAReload() throws IOException {
        PluginInvoker twoWorkers = stuckAndGoodScorers(2);
        assertThat(failure(score(twoWorkers, scorer("stuck"))).reason()).isEqualTo(PluginCallException.Reason.TIMED_OUT);
        fixture.host.reloadPlugin("stuck").await();

        PluginCallException refused = failure(score(twoWorkers, scorer("stuck")));
        assertThat(refused.reason()).as("the reloaded plugin's share is still held by its stuck call")
                .isEqualTo(PluginCallException.Reason.SATURATED);
        assertThat(refused.getMessage()).contains("1 of its calls still run past their budget");
        assertThat(score(twoWorkers, scorer("good")).await()).as("the other worker is free").isNotEmpty();
    }

    /**
     * Starts a scorer that hangs past interruption and a good one, and makes an invoker of {@code workers}
     * threads for them (closed after the test, once the stuck calls are let go).
     */
    private PluginInvoker stuckAndGoodScorers(int workers) throws IOException {
        System.clearProperty(TestPlugins.STUCK_RELEASE);
        TestPlugins.stuckScorer().writeTo(fixture.pluginsDir);
        TestPlugins.goodScorer("good").writeTo(fixture.pluginsDir);
        fixture.host.start().await();
        smallPool = new PluginInvoker(vertx, workers, fixture.config.plugins().callTimeout());
        return smallPool;
    }

    private PluginExtension<Scorer> scorer(String pluginId) {
        return fixture.host.registry().scorers().stream().filter(extension -> extension.pluginId().equals(pluginId))
                .findFirst().orElseThrow();
    }

    @Test
    void pluginReturningGarbageIsReported() throws IOException {
        PluginExtension<Scorer> scorer = load(TestPlugins.garbageScorer());
        PluginCallException failure = failure(score(scorer));
        assertThat(failure.reason()).isEqualTo(PluginCallException.Reason.INVALID_RESULT);
        assertThat(failure.getMessage()).contains("scored unknown document no-such-document");
    }

    @Test
    void repeatedFailuresQuarantineThePluginUntilTheQuarantineEnds() throws IOException {
        PluginExtension<Scorer> scorer = load(TestPlugins.throwingScorer());
        for (int i = 0; i < 3; i++) {
            assertThat(failure(score(scorer)).reason()).isEqualTo(PluginCallException.Reason.THREW);
        }
        JsonObject quarantine = fixture.entry("throwing").getJsonObject("quarantine");
        assertThat(quarantine.getBoolean("active")).isTrue();
        assertThat(quarantine.getString("until")).isEqualTo("2026-01-01T00:01:00Z");

        assertThat(failure(score(scorer)).reason()).isEqualTo(PluginCallException.Reason.QUARANTINED);
        assertThat(fixture.entry("throwing").getJsonObject("failures").getLong("calls"))
                .as("a quarantined plugin is not called").isEqualTo(3);

        fixture.clock.advance(Duration.ofSeconds(61));
        assertThat(fixture.entry("throwing").getJsonObject("quarantine").getBoolean("active")).isFalse();
        assertThat(failure(score(scorer)).reason()).isEqualTo(PluginCallException.Reason.THREW);
        assertThat(fixture.entry("throwing").getJsonObject("failures").getLong("calls")).isEqualTo(4);
    }

    @Test
    void reloadLiftsAQuarantine() throws IOException {
        PluginExtension<Scorer> scorer = load(TestPlugins.throwingScorer());
        for (int i = 0; i < 3; i++) {
            failure(score(scorer));
        }
        fixture.host.reloadPlugin("throwing").await();
        JsonObject entry = fixture.entry("throwing");
        assertThat(entry.getJsonObject("quarantine").getBoolean("active")).isFalse();
        assertThat(entry.getJsonObject("failures").getLong("total")).isZero();
        PluginExtension<Scorer> reloaded = fixture.host.registry().scorers().get(0);
        assertThat(failure(score(reloaded)).reason()).isEqualTo(PluginCallException.Reason.THREW);
    }
}
