package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RankingTest {

    private record Item(int id, double score) {
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 10, 24, 25, 49, 50, 100, 257})
    void ordersAsAStableSortByDescendingScore(int count) {
        SplittableRandom random = new SplittableRandom(count);
        for (int round = 0; round < 50; round++) {
            Item[] items = new Item[count];
            double[] scores = new double[count];
            for (int i = 0; i < count; i++) {
                // Few distinct values in some rounds, so that ties are common.
                double score = round % 2 == 0 ? random.nextDouble() : random.nextInt(4) / 4.0;
                items[i] = new Item(i, score);
                scores[i] = score;
            }
            Item[] expected = items.clone();
            Arrays.sort(expected, Comparator.comparingDouble(Item::score).reversed());

            assertThat(Ranking.bestFirst(items, scores)).containsExactly(expected);
        }
    }

    @Test
    void comparesAsDoubleCompare() {
        Item zero = new Item(0, 0.0);
        Item negativeZero = new Item(1, -0.0);
        Item one = new Item(2, 1.0);
        Item[] ranked = Ranking.bestFirst(new Item[]{negativeZero, one, zero}, new double[]{-0.0, 1.0, 0.0});
        assertThat(ranked).containsExactly(one, zero, negativeZero);
    }
}
