package io.assisthost.host.plugins;

import static io.assisthost.host.testing.TestPlugins.good;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.assisthost.api.Score;
import io.assisthost.api.Scorer;
import io.assisthost.host.HostFailure;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.PluginJarBuilder;
import io.assisthost.host.testing.TestPlugins;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PluginHostTest {

    @TempDir
    Path home;

    private Vertx vertx;
    private PluginHostFixture fixture;

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        fixture = new PluginHostFixture(vertx, home,
                new JsonObject().put("config", new JsonObject().put("good", new JsonObject().put("value", 0.75))));
    }

    @AfterEach
    void tearDown() {
        fixture.host.close().await();
        vertx.close().await();
    }

    private void startWith(PluginJarBuilder broken) throws IOException {
        good(fixture.pluginsDir, "good");
        broken.writeTo(fixture.pluginsDir);
        fixture.host.start().await();
    }

    private void assertGoodStartedAnd(String brokenKey, String message) {
        assertThat(fixture.entry("good").getString("state")).isEqualTo("STARTED");
        JsonObject broken = fixture.entry(brokenKey);
        assertThat(broken.getString("state")).isEqualTo("FAILED");
        assertThat(broken.getString("error")).contains(message);
        assertThat(broken.getJsonArray("extensions")).isEmpty();
        assertThat(fixture.host.registry().scorers()).extracting(PluginExtension::pluginId).containsExactly("good");
    }

    @Test
    void startsAPluginAndHandsItsExtensionsTheirSettings() throws IOException {
        good(fixture.pluginsDir, "good");
        fixture.host.start().await();

        JsonObject entry = fixture.entry("good");
        assertThat(entry.getString("state")).isEqualTo("STARTED");
        assertThat(entry.getString("version")).isEqualTo("1.0.0");
        assertThat(entry.getJsonArray("extensions").getJsonObject(0).getString("point")).isEqualTo("Scorer");
        assertThat(fixture.host.loaded()).isTrue();

        PluginExtension<Scorer> scorer = fixture.host.registry().scorers().get(0);
        assertThat(scorer.ordinal()).isEqualTo(5);
        List<Score> scores = scorer.instance().score(PluginHostFixture.request("d1", "d2"));
        assertThat(scores).extracting(Score::value).containsExactly(0.75, 0.75);
    }

    @Test
    void corruptJarIsReportedAndTheOtherPluginsStart() throws IOException {
        good(fixture.pluginsDir, "good");
        PluginJarBuilder.writeGarbage(fixture.pluginsDir, "corrupt.jar");
        fixture.host.start().await();
        assertGoodStartedAnd("corrupt.jar", "not a readable jar");
    }

    @Test
    void jarWithoutManifestIsReported() throws IOException {
        startWith(TestPlugins.goodScorer("bare").withoutManifest());
        assertGoodStartedAnd("bare-1.0.0.jar", "no META-INF/MANIFEST.MF");
    }

    @Test
    void jarWithoutPluginIdIsReported() throws IOException {
        startWith(TestPlugins.goodScorer("anonymous").manifest("Plugin-Id", null));
        assertGoodStartedAnd("anonymous-1.0.0.jar", "no Plugin-Id");
    }

    @Test
    void invalidVersionIsReported() throws IOException {
        startWith(TestPlugins.goodScorer("badversion").version("banana"));
        assertGoodStartedAnd("badversion", "Plugin-Version 'banana' is not a semantic version");
    }

    @Test
    void pluginRequiringAnotherHostVersionIsReported() throws IOException {
        startWith(TestPlugins.goodScorer("future").manifest("Plugin-Requires", ">=9.0.0"));
        assertGoodStartedAnd("future", "requires host version >=9.0.0, but this host is 0.1.0");
    }

    @Test
    void pluginBundlingItsOwnPluginApiIsReported() throws IOException {
        startWith(TestPlugins.goodScorer("bundler").bundlingApi());
        assertGoodStartedAnd("bundler", "bundles its own copy of the plugin API");
    }

    @Test
    void secondJarWithTheSameIdIsReported() throws IOException {
        good(fixture.pluginsDir, "good");
        TestPlugins.goodScorer("good").writeTo(fixture.pluginsDir, "good-copy.jar");
        fixture.host.start().await();
        JsonObject copy = fixture.entry("good-copy.jar");
        assertThat(copy.getString("state")).isEqualTo("FAILED");
        assertThat(copy.getString("error")).contains("plugin id good is already loaded");
        assertThat(fixture.host.registry().scorers()).hasSize(1);
    }

    @Test
    void extensionWhoseConstructorFailsIsReported() throws IOException {
        startWith(TestPlugins.explodingConstructor());
        assertGoodStartedAnd("exploding", "missing setting 'model'");
    }

    @Test
    void folderWithoutPluginsStartsEmpty() {
        fixture.host.start().await();
        assertThat(fixture.host.describe()).isEmpty();
        assertThat(fixture.host.loaded()).isTrue();
    }

    @Test
    void stopDrainsCallsInFlightBeforeStopping() throws IOException {
        TestPlugins.waitingScorer().writeTo(fixture.pluginsDir);
        fixture.host.start().await();
        PluginInvoker invoker = new PluginInvoker(vertx, 2, Duration.ofSeconds(30));
        PluginExtension<Scorer> scorer = fixture.host.registry().scorers().get(0);

        Future<List<Score>> inFlight = invoker.call(scorer, s -> s.score(PluginHostFixture.request("d1")), r -> null);
        await().until(() -> fixture.entry("waiting").getInteger("inFlight") == 1);
        Future<JsonObject> stop = fixture.host.stopPlugin("waiting");
        await().until(() -> fixture.host.registry().scorers().isEmpty());
        assertThat(stop.isComplete()).as("stop waits for the call in flight").isFalse();

        fixture.knowledgeAnswer.complete(List.of());
        assertThat(stop.await().getString("state")).isEqualTo("STOPPED");
        assertThat(inFlight.await()).isEmpty();
        Future<List<Score>> late = invoker.call(scorer, s -> s.score(PluginHostFixture.request("d1")), r -> null);
        assertThatThrownBy(late::await).isInstanceOfSatisfying(PluginCallException.class,
                e -> assertThat(e.reason()).isEqualTo(PluginCallException.Reason.STOPPING));
        invoker.close();
    }

    @Test
    void lifecycleOperationsReportConflictsAndUnknownIds() throws IOException {
        good(fixture.pluginsDir, "good");
        fixture.host.start().await();

        assertThat(fixture.host.stopPlugin("good").await().getString("state")).isEqualTo("STOPPED");
        assertThat(fixture.host.registry().scorers()).isEmpty();
        assertFailure(fixture.host.stopPlugin("good"), HostFailure.Code.CONFLICT);
        assertThat(fixture.host.startPlugin("good").await().getString("state")).isEqualTo("STARTED");
        assertFailure(fixture.host.startPlugin("good"), HostFailure.Code.CONFLICT);
        assertThat(fixture.host.reloadPlugin("good").await().getString("state")).isEqualTo("STARTED");
        assertThat(fixture.host.registry().scorers()).hasSize(1);
        assertFailure(fixture.host.reloadPlugin("nope"), HostFailure.Code.NOT_FOUND);
    }

    @Test
    void pluginWithoutAHostVersionRequirementIsReported() throws IOException {
        startWith(TestPlugins.goodScorer("unbounded").manifest("Plugin-Requires", null));
        assertGoodStartedAnd("unbounded", "no Plugin-Requires");
    }

    @Test
    void malformedHostVersionRequirementIsReported() throws IOException {
        startWith(TestPlugins.goodScorer("garbled").manifest("Plugin-Requires", "at least two"));
        assertGoodStartedAnd("garbled", "Plugin-Requires 'at least two' is not a version range");
    }

    @Test
    void uploadsWithABadDescriptorOrEscapingEntriesAreRefusedAndLeaveNothingBehind() throws IOException {
        fixture.host.start().await();
        Path build = home.resolve("build");
        List<PluginJarBuilder> refused = List.of(
                TestPlugins.goodScorer("traversal").rawEntry("../../evil.sh", new byte[] {1}),
                TestPlugins.goodScorer("nested-traversal").rawEntry("lib/../../../evil.class", new byte[] {1}),
                TestPlugins.goodScorer("absolute").rawEntry("/etc/cron.d/evil", new byte[] {1}),
                TestPlugins.goodScorer("backslash").rawEntry("..\\evil.dll", new byte[] {1}),
                TestPlugins.goodScorer("unbounded").manifest("Plugin-Requires", null),
                TestPlugins.goodScorer("future").manifest("Plugin-Requires", ">=9.0.0"),
                TestPlugins.goodScorer("semver").version("1.0"),
                TestPlugins.goodScorer("dots").manifest("Plugin-Id", "../plugins"),
                TestPlugins.goodScorer("slash").manifest("Plugin-Id", "a/b"),
                TestPlugins.goodScorer("bare").withoutManifest(),
                TestPlugins.goodScorer("api").bundlingApi());
        for (PluginJarBuilder jar : refused) {
            Path written = jar.writeTo(build, "upload.jar");
            assertThatThrownBy(() -> fixture.host.install(jarBytes(written)).await())
                    .isInstanceOfSatisfying(HostFailure.class, e -> {
                        assertThat(e.code()).isEqualTo(HostFailure.Code.INVALID);
                        assertThat(e.getMessage()).startsWith("plugin jar rejected: ");
                    });
        }
        try (Stream<Path> files = Files.list(fixture.pluginsDir)) {
            assertThat(files).isEmpty();
        }
        assertThat(home.resolve("evil.sh")).doesNotExist();
    }

    @Test
    void installsAnUploadAndReplacesItWithANewerVersion() throws IOException {
        fixture.host.start().await();
        Path build = home.resolve("build");

        JsonObject first = fixture.host.install(jarBytes(TestPlugins.goodScorer("uploaded").version("1.0.0").writeTo(build))).await();
        assertThat(first.getBoolean("created")).isTrue();
        assertThat(first.getJsonObject("plugin").getString("state")).isEqualTo("STARTED");
        assertThat(fixture.pluginsDir.resolve("uploaded-1.0.0.jar")).exists();

        JsonObject second = fixture.host.install(jarBytes(TestPlugins.goodScorer("uploaded").version("1.1.0").writeTo(build))).await();
        assertThat(second.getBoolean("created")).isFalse();
        assertThat(second.getJsonObject("plugin").getString("version")).isEqualTo("1.1.0");
        assertThat(fixture.host.registry().scorers()).hasSize(1);

        assertFailure(fixture.host.install(Buffer.buffer("not a jar at all")), HostFailure.Code.INVALID);
        try (Stream<Path> files = Files.list(fixture.pluginsDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("uploaded-1.1.0.jar");
        }
    }

    private static Buffer jarBytes(Path jar) throws IOException {
        return Buffer.buffer(Files.readAllBytes(jar));
    }

    private static void assertFailure(Future<?> future, HostFailure.Code code) {
        assertThatThrownBy(future::await).isInstanceOfSatisfying(HostFailure.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
