package io.assisthost.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.assisthost.api.Candidate;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreRequest;
import io.assisthost.api.Scorer;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled semantic scorer's jar, loaded by the host's plugin class loader in a JVM started like the
 * host ({@code --add-modules jdk.incubator.vector}), reaches the Vector API and computes with it.
 */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BundledScorerVectorTest {

    private static final int DIMENSIONS = 384;

    @TempDir
    Path home;

    private Vertx vertx;
    private PluginHostFixture fixture;

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        fixture = new PluginHostFixture(vertx, home, new JsonObject());
        TestHosts.installBundledPlugins(fixture.pluginsDir);
        fixture.host.start().await();
    }

    @AfterEach
    void tearDown() {
        fixture.host.close().await();
        vertx.close().await();
    }

    private Scorer semanticScorer() {
        return fixture.host.registry().scorers().stream()
                .filter(extension -> extension.pluginId().equals("semantic-scorer"))
                .findFirst().orElseThrow().instance();
    }

    @Test
    void thePluginClassLoaderSeesTheVectorApiAndTheScorerUsesIt() throws Exception {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("test JVM started like the host").isPresent();
        ClassLoader pluginLoader = semanticScorer().getClass().getClassLoader();
        assertThat(pluginLoader).isInstanceOf(ApiFirstClassLoader.class);

        Class<?> doubleVector = pluginLoader.loadClass("jdk.incubator.vector.DoubleVector");
        Object preferred = doubleVector.getField("SPECIES_PREFERRED").get(null);
        int lanes = (int) pluginLoader.loadClass("jdk.incubator.vector.VectorSpecies").getMethod("length").invoke(preferred);
        Assumptions.assumeTrue(lanes >= 4, "this CPU's vectors hold fewer than four doubles: the scalar kernel is right");

        Class<?> kernels = Class.forName("io.assisthost.plugins.semantic.CosineKernel", true, pluginLoader);
        Method best = kernels.getDeclaredMethod("best");
        best.setAccessible(true);
        assertThat(best.invoke(null).getClass().getSimpleName()).isEqualTo("VectorCosineKernel");
    }

    @Test
    void scoresCallerEmbeddingsThroughTheVectorKernel() {
        float[] query = new float[DIMENSIONS];
        float[] half = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            query[i] = 1;
            half[i] = i < DIMENSIONS / 2 ? 1 : 0;
        }
        InteractionContext context = new InteractionContext("conv-1", "Voice", null, null, null, null, "refund", 10,
                0.0, null, query);
        Candidate candidate = Candidate.of("doc-1", "kb", "Refunds", "faq", null, "", null, null, null, 0.5)
                .withEmbedding(half);

        List<Score> scores = semanticScorer().score(new ScoreRequest(context, List.of(candidate)));

        assertThat(scores).singleElement().satisfies(score -> {
            assertThat(score.component()).isEqualTo("semantic");
            assertThat(score.value()).isCloseTo(Math.sqrt(0.5), offset(1e-15));
        });
    }
}
