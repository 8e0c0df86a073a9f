package io.assisthost.plugins.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel this JVM can run against the textbook definition, within its documented bound: about 1e-15
 * for the scalar kernel, which sums in double, {@code (n / 8 + 5) * 2^-23} at {@code n} components for the
 * vector kernel, which sums in float. Surefire runs these tests twice: with
 * {@code --add-modules jdk.incubator.vector}, where both kernels are checked, and without, where only the
 * scalar one exists and must be the one chosen.
 */
class CosineKernelTest {

    private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Lengths around the vector kernel's steps (4 and 8 components) and the common embedding sizes. */
    private static final int[] LENGTHS = {0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 19, 20, 31, 32, 33, 47, 63, 64, 65,
        383, 384, 385, 386, 387, 399, 400, 768, 1024, 1536};

    private final SplittableRandom random = new SplittableRandom(20260101);

    static Stream<CosineKernel> kernels() {
        List<CosineKernel> kernels = new ArrayList<>();
        kernels.add(new ScalarCosineKernel());
        CosineKernel.vectorKernel().ifPresent(kernels::add);
        return kernels.stream();
    }

    private static double cosine(CosineKernel kernel, float[] query, float[] other) {
        return Cosine.of(query, kernel).similarity(other);
    }

    /** The documented bound at {@code length} components: {@code (n / 8 + 5) * 2^-23} for the vector kernel. */
    private static double bound(CosineKernel kernel, int length) {
        return kernel instanceof ScalarCosineKernel ? 1e-13 : (length / 8.0 + 5) * 0x1p-23;
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void matchesTheDefinitionOnRandomVectorsOfEveryLength(CosineKernel kernel) {
        for (int length : LENGTHS) {
            for (double scale : new double[]{1, 1e-3, 1e3, 1e-20, 1e15}) {
                float[] query = CosineReference.randomVector(random, length, scale);
                for (int other = 0; other < 5; other++) {
                    float[] article = CosineReference.randomVector(random, length, scale);
                    assertThat(cosine(kernel, query, article)).as("length %d, scale %g", length, scale)
                            .isCloseTo(CosineReference.cosine(query, article), offset(bound(kernel, length)));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void isZeroWhenEitherVectorIsZero(CosineKernel kernel) {
        for (int length : LENGTHS) {
            float[] zero = new float[length];
            float[] some = CosineReference.randomVector(random, length, 1);
            assertThat(cosine(kernel, zero, some)).isZero();
            assertThat(cosine(kernel, some, zero)).isZero();
            assertThat(cosine(kernel, zero, zero)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void isOneForTheSameDirectionAndMinusOneForTheOpposite(CosineKernel kernel) {
        for (int length : LENGTHS) {
            if (length == 0) {
                continue;
            }
            float[] vector = CosineReference.randomVector(random, length, 1);
            float[] doubled = new float[length];
            float[] opposite = new float[length];
            for (int i = 0; i < length; i++) {
                doubled[i] = 2 * vector[i];
                opposite[i] = -vector[i];
            }
            assertThat(cosine(kernel, vector, doubled)).isCloseTo(1.0, offset(bound(kernel, length)));
            assertThat(cosine(kernel, vector, opposite)).isCloseTo(-1.0, offset(bound(kernel, length)));
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void readsEveryComponentOnce(CosineKernel kernel) {
        // One non-zero component at each position in turn: a skipped or repeated component shows.
        for (int length : new int[]{1, 5, 16, 17, 33, 387}) {
            for (int position = 0; position < length; position++) {
                float[] unit = new float[length];
                unit[position] = 3;
                float[] ones = new float[length];
                java.util.Arrays.fill(ones, 1);
                assertThat(cosine(kernel, ones, unit)).isCloseTo(1 / Math.sqrt(length), offset(1e-15));
                assertThat(cosine(kernel, unit, unit)).isCloseTo(1.0, offset(1e-15));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void isExactWhereFloatSumsWouldUnderflowOrOverflow(CosineKernel kernel) {
        // Squared norms far outside [2^-100, 2^100]: the vector kernel hands these to the scalar one.
        for (double scale : new double[]{1e-20, 1e-40, 1e15, 1e30}) {
            float[] query = CosineReference.randomVector(random, 384, scale);
            float[] article = CosineReference.randomVector(random, 384, scale);
            assertThat(cosine(kernel, query, article)).as("scale %g", scale)
                    .isCloseTo(CosineReference.cosine(query, article), offset(1e-13));
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void comparesManyVectorsAtOnceAsItComparesEachAlone(CosineKernel kernel) {
        // Counts around the vector kernel's blocks of four, and vectors of mixed scales in one block.
        for (int count : new int[]{1, 3, 4, 5, 8, 11, 50}) {
            float[] query = CosineReference.randomVector(random, 384, 1);
            float[][] articles = new float[count][];
            for (int i = 0; i < count; i++) {
                articles[i] = CosineReference.randomVector(random, 384, i % 3 == 2 ? 1e-30 : 0.05);
            }
            double[] together = new double[count];
            Cosine.of(query, kernel).similarities(articles, count, together);
            for (int i = 0; i < count; i++) {
                assertThat(together[i]).as("vector %d of %d", i, count).isEqualTo(cosine(kernel, query, articles[i]))
                        .isCloseTo(CosineReference.cosine(query, articles[i]), offset(bound(kernel, 384)));
            }
        }
    }

    @Test
    void kernelsAgreeOnEmbeddingsWithinTheVectorKernelsBound() {
        CosineKernel scalar = new ScalarCosineKernel();
        kernels().forEach(kernel -> {
            for (int round = 0; round < 200; round++) {
                float[] query = CosineReference.randomVector(random, 384, 0.05);
                float[] article = CosineReference.randomVector(random, 384, 0.05);
                assertThat(cosine(kernel, query, article)).isCloseTo(cosine(scalar, query, article), offset(1e-5));
            }
        });
    }

    @Test
    void theBestKernelIsTheVectorOneWhenTheModuleIsPresentAndTheCpuHasEightFloatVectors() throws Exception {
        if (!VECTOR_MODULE) {
            assertThat(CosineKernel.vectorKernel()).isEmpty();
            assertThat(CosineKernel.best()).isInstanceOf(ScalarCosineKernel.class);
            return;
        }
        // Read without naming the incubating module, which the run without it cannot compile against.
        Object preferred = Class.forName("jdk.incubator.vector.FloatVector").getField("SPECIES_PREFERRED").get(null);
        int widest = (int) Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("length").invoke(preferred);
        if (widest < 8) {
            assertThat(CosineKernel.vectorKernel()).as("refused: vectors of %d floats", widest).isEmpty();
            assertThat(CosineKernel.best()).isInstanceOf(ScalarCosineKernel.class);
            return;
        }
        assertThat(CosineKernel.vectorKernel()).isPresent();
        assertThat(CosineKernel.best()).isInstanceOf(VectorCosineKernel.class);
        assertThat(CosineKernel.best().description()).as("eight floats per FMA, however wide the CPU's vectors")
                .contains("8 floats per FMA");
    }
}
