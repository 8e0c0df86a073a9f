package io.assisthost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreMapTest {

    private final ScoreMap.Keys keys = ScoreMap.keys("relevance", "semantic", "freshness");

    @Test
    void isAMapOfTheNamesToTheValues() {
        ScoreMap scores = keys.with(0.5, 0.25, 1.0);
        assertThat(scores).hasSize(3)
                .containsEntry("relevance", 0.5).containsEntry("semantic", 0.25).containsEntry("freshness", 1.0)
                .doesNotContainKey("engagement");
        assertThat(scores.get("engagement")).isNull();
        assertThat(scores.getOrDefault("engagement", 0.75)).isEqualTo(0.75);
        assertThat(scores.getOrDefault("semantic", 0.75)).isEqualTo(0.25);
        assertThat(scores.containsValue(0.25)).isTrue();
        assertThat(scores.containsValue(0.3)).isFalse();
        assertThat(scores.keySet()).containsExactly("relevance", "semantic", "freshness");
        assertThat(scores.values()).containsExactly(0.5, 0.25, 1.0);
        assertThat(scores).hasToString("{relevance=0.5, semantic=0.25, freshness=1.0}");
        List<String> visited = new ArrayList<>();
        scores.forEach((name, value) -> visited.add(name + "=" + value));
        assertThat(visited).containsExactly("relevance=0.5", "semantic=0.25", "freshness=1.0");
    }

    @Test
    void equalsAndHashesAsAnyMapWithTheSameEntries() {
        ScoreMap scores = keys.with(0.5, 0.25, 1.0);
        Map<String, Double> same = Map.of("freshness", 1.0, "semantic", 0.25, "relevance", 0.5);
        assertThat(scores).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(same).isEqualTo(scores);
        assertThat(scores).isEqualTo(new HashMap<>(same)).isEqualTo(keys.with(0.5, 0.25, 1.0));
        assertThat(scores).isNotEqualTo(keys.with(0.5, 0.25, 0.9)).isNotEqualTo(Map.of("relevance", 0.5));
    }

    @Test
    void refusesChangesAndNullsAsMapOfDoes() {
        ScoreMap scores = keys.with(0.5, 0.25, 1.0);
        assertThatThrownBy(() -> scores.put("other", 0.1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> scores.remove("semantic")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(scores::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> scores.replaceAll((name, value) -> 0.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> scores.entrySet().iterator().next().setValue(0.0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> scores.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> scores.containsKey(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> scores.containsValue(null)).isInstanceOf(NullPointerException.class);
        assertThat(scores).isEqualTo(Map.of("relevance", 0.5, "semantic", 0.25, "freshness", 1.0));
    }

    @Test
    void copiesWhatItIsBuiltFrom() {
        String[] names = {"relevance", "semantic"};
        double[] values = {0.5, 0.25};
        ScoreMap.Keys shared = ScoreMap.keys(names);
        ScoreMap scores = shared.with(values);
        names[1] = "changed";
        values[1] = 0.99;
        assertThat(scores).isEqualTo(Map.of("relevance", 0.5, "semantic", 0.25));
        assertThat(shared.with(0.1, 0.2)).containsOnlyKeys("relevance", "semantic");
    }

    @Test
    void validatesNamesAndValues() {
        assertThatThrownBy(() -> ScoreMap.keys("relevance", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ScoreMap.keys("semantic", "relevance", "semantic"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("semantic");
        assertThatThrownBy(() -> keys.with(0.5, 0.25)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 names but 2 values");
        assertThat(keys.size()).isEqualTo(3);
        assertThat(ScoreMap.keys().with()).isEmpty();
    }

    @Test
    void aCandidateKeepsAScoreMapAndCopiesOtherMaps() {
        Candidate candidate = Candidate.of("doc-1", "kb", "Title", "faq", null, "", null, null, null, 0.5);
        ScoreMap scores = ScoreMap.keys(Candidate.RELEVANCE, "semantic").with(0.5, 0.25);
        assertThat(candidate.withScores(scores, 0.4).scores()).isSameAs(scores);

        Map<String, Double> mutable = new HashMap<>(Map.of(Candidate.RELEVANCE, 0.5));
        Map<String, Double> copied = candidate.withScores(mutable, 0.5).scores();
        mutable.put("semantic", 0.1);
        assertThat(copied).containsOnlyKeys(Candidate.RELEVANCE);
    }
}
