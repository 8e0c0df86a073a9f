package io.assisthost.host.actions.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HitCollectorTest {

    @Test
    void mergesTheBitsOfAnEntryHeardAgain() {
        HitCollector hits = new HitCollector();
        hits.add(7, 0);
        hits.add(3, 5);
        hits.add(7, 2);
        hits.add(7, 0);

        assertThat(hits.entries()).containsExactly(7, 3);
        assertThat(hits.masks()).containsExactly(0b101L, 1L << 5);
    }

    @Test
    void startsEmptyAfterClear() {
        HitCollector hits = new HitCollector();
        hits.add(100_000, 63);
        hits.clear();
        hits.add(100_001, 1);

        assertThat(hits.entries()).containsExactly(100_001);
        assertThat(hits.masks()).containsExactly(0b10L);
    }

    /**
     * Many matches in a row on one collector, some with more hits than a scan serves, against a map:
     * each match sees only its own hits, in the order first heard.
     */
    @Property(tries = 300)
    void agreesWithAMap(@ForAll @Size(min = 1, max = 6) List<@Size(max = 300) List<@IntRange(max = 5_000) Integer>> matches) {
        HitCollector hits = new HitCollector();
        for (List<Integer> outputs : matches) {
            hits.clear();
            Map<Integer, Long> expected = new LinkedHashMap<>();
            for (int output : outputs) {
                int entry = output / 8;
                int phrase = output % 8 * 9;
                hits.add(entry, phrase);
                expected.merge(entry, 1L << phrase, (a, b) -> a | b);
            }
            assertThat(hits.size()).isEqualTo(expected.size());
            assertThat(hits.entries()).containsExactly(expected.keySet().stream().mapToInt(i -> i).toArray());
            assertThat(hits.masks()).containsExactly(expected.values().stream().mapToLong(l -> l).toArray());
        }
    }
}
