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

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 383, 384, 385, 386, 387, 768, 1536})
    void matchesTheTextbookDefinitionOnRandomVectors(int length) {
        for (int round = 0; round < 50; round++) {
            double scale = round % 2 == 0 ? 1 : 1e3;
            float[] query = CosineReference.randomVector(random, length, scale);
            Cosine cosine = Cosine.of(query);
            for (int other = 0; other < 5; other++) {
                float[] article = CosineReference.randomVector(random, length, scale);
                assertThat(cosine.similarity(article)).isCloseTo(CosineReference.cosine(query, article), offset(1e-5));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 384, 385})
    void isZeroWhenEitherVectorIsZero(int length) {
        float[] zero = new float[length];
        float[] some = CosineReference.randomVector(random, length, 1);
        assertThat(Cosine.of(zero).similarity(some)).isZero();
        assertThat(Cosine.of(some).similarity(zero)).isZero();
        assertThat(Cosine.of(zero).similarity(zero)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 384, 387})
    void isOneForTheSameDirectionAndMinusOneForTheOpposite(int length) {
        float[] vector = CosineReference.randomVector(random, length, 1);
        float[] doubled = new float[length];
        float[] opposite = new float[length];
        for (int i = 0; i < length; i++) {
            doubled[i] = 2 * vector[i];
            opposite[i] = -vector[i];
        }
        assertThat(Cosine.of(vector).similarity(doubled)).isCloseTo(1.0, offset(1e-5));
        assertThat(Cosine.of(vector).similarity(opposite)).isCloseTo(-1.0, offset(1e-5));
    }

    @Test
    void rejectsAVectorOfAnotherLength() {
        assertThatThrownBy(() -> Cosine.of(new float[4]).similarity(new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 4 dimensions, got 5");
    }
}
