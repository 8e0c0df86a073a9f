package io.assisthost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreColumnTest {

    private final ScoreRequest request = new ScoreRequest(
            new InteractionContext("conv-1", null, null, null, null, null, "q", 10, 0.0, null, null),
            List.of(candidate("a"), candidate("b"), candidate("c")));

    private static Candidate candidate(String id) {
        return Candidate.of(id, "kb", "t", "faq", null, "", null, null, null, 0.5);
    }

    @Test
    void isTheListOfScoresOfTheRequestsCandidatesInOrder() {
        ScoreColumn column = ScoreColumn.of(request, "freshness", new double[]{0.25, 1.0, 0.0});
        assertThat(column).containsExactly(new Score("a", "freshness", 0.25), new Score("b", "freshness", 1.0),
                new Score("c", "freshness", 0.0));
        assertThat(column.component()).isEqualTo("freshness");
        assertThat(column.value(1)).isEqualTo(1.0);
        assertThat(column.isFor(request)).isTrue();
        assertThat(column.isFor(new ScoreRequest(request.context(), List.of(candidate("a"))))).isFalse();
    }

    @Test
    void copiesTheValues() {
        double[] values = {0.25, 0.5, 0.75};
        ScoreColumn column = ScoreColumn.of(request, "freshness", values);
        values[0] = 1;
        assertThat(column.value(0)).isEqualTo(0.25);
    }

    @Test
    void refusesWhatAScoreRefusesAndAValueCountOtherThanTheCandidates() {
        assertThatThrownBy(() -> ScoreColumn.of(request, "relevance", new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> ScoreColumn.of(request, "Fresh ness", new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be 1 to 64");
        assertThatThrownBy(() -> ScoreColumn.of(request, "freshness", new double[]{0.5, Double.NaN, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("value of b must be between 0 and 1, was NaN");
        assertThatThrownBy(() -> ScoreColumn.of(request, "freshness", new double[]{0.5, 1.5, 0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 1.5");
        assertThatThrownBy(() -> ScoreColumn.of(request, "freshness", new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("3 candidates but 2 values");
    }

    @Test
    void isImmutable() {
        ScoreColumn column = ScoreColumn.of(request, "freshness", new double[3]);
        assertThatThrownBy(() -> column.add(new Score("a", "freshness", 1.0)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> column.set(0, new Score("a", "freshness", 1.0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
