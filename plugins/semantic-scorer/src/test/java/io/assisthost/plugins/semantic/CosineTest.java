package io.assisthost.plugins.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CosineTest {

    private final SplittableRandom random = new SplittableRandom(42);

    /** The textbook definition, one sum at a time, for the unrolled version to be checked against. */
    private static double reference(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }

    private float[] randomVector(int length, double scale) {
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return vector;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 383, 384, 385, 386, 387, 768, 1536})
    void matchesTheTextbookDefinitionOnRandomVectors(int length) {
        for (int round = 0; round < 50; round++) {
            double scale = round % 2 == 0 ? 1 : 1e3;
            float[] query = randomVector(length, scale);
            Cosine cosine = Cosine.of(query);
            for (int other = 0; other < 5; other++) {
                float[] article = randomVector(length, scale);
                assertThat(cosine.similarity(article)).isCloseTo(reference(query, article), offset(1e-12));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 384, 385})
    void isZeroWhenEitherVectorIsZero(int length) {
        float[] zero = new float[length];
        float[] some = randomVector(length, 1);
        assertThat(Cosine.of(zero).similarity(some)).isZero();
        assertThat(Cosine.of(some).similarity(zero)).isZero();
        assertThat(Cosine.of(zero).similarity(zero)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 384, 387})
    void isOneForTheSameDirectionAndMinusOneForTheOpposite(int length) {
        float[] vector = randomVector(length, 1);
        float[] doubled = new float[length];
        float[] opposite = new float[length];
        for (int i = 0; i < length; i++) {
            doubled[i] = 2 * vector[i];
            opposite[i] = -vector[i];
        }
        assertThat(Cosine.of(vector).similarity(doubled)).isCloseTo(1.0, offset(1e-12));
        assertThat(Cosine.of(vector).similarity(opposite)).isCloseTo(-1.0, offset(1e-12));
    }

    @Test
    void rejectsAVectorOfAnotherLength() {
        assertThatThrownBy(() -> Cosine.of(new float[4]).similarity(new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 4 dimensions, got 5");
    }
}
