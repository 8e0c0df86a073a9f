package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.assisthost.api.Candidate;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreColumn;
import io.assisthost.api.ScoreRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreCombinerTest {

    private static Candidate candidate(String id, double confidence, String version) {
        return Candidate.of(id, "kb", "Title " + id, "faq", null, "", version, null, null, confidence);
    }

    private static ScoreRequest request(List<Candidate> candidates) {
        return new ScoreRequest(new InteractionContext("conv-1", null, null, null, null, null, "q", 10, 0.0, null, null),
                candidates);
    }

    @Test
    void combinesComponentsAsTheWeightedMeanWithUnlistedComponentsWeighingOne() {
        ScoreCombiner combiner = new ScoreCombiner(Map.of("relevance", 0.7, "semantic", 0.3));
        List<Candidate> ranked = combiner.combine(request(List.of(candidate("a", 0.5, "1"), candidate("b", 0.9, "1"))), List.of(
                List.of(new Score("a", "semantic", 1.0), new Score("b", "semantic", 0.0)),
                List.of(new Score("a", "freshness", 0.2))));
        Candidate a = ranked.stream().filter(c -> c.documentId().equals("a")).findFirst().orElseThrow();
        assertThat(a.scores()).containsOnlyKeys("relevance", "semantic", "freshness");
        assertThat(a.combinedScore()).isCloseTo((0.7 * 0.5 + 0.3 * 1.0 + 1.0 * 0.2) / 2.0, within(1e-12));
        Candidate b = ranked.stream().filter(c -> c.documentId().equals("b")).findFirst().orElseThrow();
        assertThat(b.combinedScore()).isCloseTo(0.63, within(1e-12));
        assertThat(ranked).extracting(Candidate::documentId).containsExactly("b", "a");
    }

    @Test
    void matchesScoresToCandidatesInAnyOrderAndIgnoresUnknownDocuments() {
        ScoreCombiner combiner = new ScoreCombiner(Map.of());
        List<Candidate> candidates = List.of(candidate("a", 0.1, "1"), candidate("b", 0.2, "1"),
                candidate("c", 0.3, "1"), candidate("d", 0.4, "1"));
        List<Candidate> ranked = combiner.combine(request(candidates), List.of(
                List.of(new Score("c", "semantic", 0.9), new Score("c", "freshness", 0.5), new Score("a", "semantic", 0.7),
                        new Score("unknown", "semantic", 1.0), new Score("d", "freshness", 0.1),
                        new Score("a", "semantic", 0.3)),
                List.of(new Score("b", "engagement", 0.6), new Score("b", "freshness", 0.8))));
        Map<String, Map<String, Double>> scores = new java.util.HashMap<>();
        ranked.forEach(c -> scores.put(c.documentId(), c.scores()));
        assertThat(scores.get("a")).isEqualTo(Map.of("relevance", 0.1, "semantic", 0.3));
        assertThat(scores.get("b")).isEqualTo(Map.of("relevance", 0.2, "engagement", 0.6, "freshness", 0.8));
        assertThat(scores.get("c")).isEqualTo(Map.of("relevance", 0.3, "semantic", 0.9, "freshness", 0.5));
        assertThat(scores.get("d")).isEqualTo(Map.of("relevance", 0.4, "freshness", 0.1));
        assertThat(ranked).extracting(Candidate::documentId).containsExactly("c", "b", "d", "a");
    }

    @Test
    void takesAColumnOfTheRequestByPositionAndAColumnOfAnotherRequestByDocument() {
        ScoreCombiner combiner = new ScoreCombiner(Map.of());
        ScoreRequest request = request(List.of(candidate("a", 0.2, "1"), candidate("b", 0.4, "1")));
        ScoreRequest reversed = request(List.of(request.candidates().get(1), request.candidates().get(0)));
        List<Candidate> ranked = combiner.combine(request, List.of(
                ScoreColumn.of(request, "semantic", new double[]{1.0, 0.0}),
                ScoreColumn.of(reversed, "freshness", new double[]{0.6, 0.0})));
        assertThat(ranked).extracting(Candidate::documentId).containsExactly("a", "b");
        assertThat(ranked.get(0).scores()).isEqualTo(Map.of("relevance", 0.2, "semantic", 1.0, "freshness", 0.0));
        assertThat(ranked.get(1).scores()).isEqualTo(Map.of("relevance", 0.4, "semantic", 0.0, "freshness", 0.6));
        assertThat(ranked.get(0).combinedScore()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void equalScoresKeepTheSourcesOrder() {
        ScoreCombiner combiner = new ScoreCombiner(Map.of());
        List<Candidate> ranked = combiner.combine(request(List.of(candidate("x", 0.5, "1"), candidate("y", 0.5, "1"),
                candidate("z", 0.6, "1"))), List.of());
        assertThat(ranked).extracting(Candidate::documentId).containsExactly("z", "x", "y");
    }

    @Test
    void etagsChangeWithDocumentsVersionsAndVisibleScoreChangesOnly() {
        List<Candidate> base = List.of(candidate("a", 0.8, "1"), candidate("b", 0.6, "1"));
        String etag = ResultEtag.of(base);
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(ResultEtag.of(List.of(candidate("a", 0.80001, "1"), candidate("b", 0.6, "1")))).isEqualTo(etag);
        assertThat(ResultEtag.of(List.of(candidate("a", 0.81, "1"), candidate("b", 0.6, "1")))).isNotEqualTo(etag);
        assertThat(ResultEtag.of(List.of(candidate("a", 0.8, "2"), candidate("b", 0.6, "1")))).isNotEqualTo(etag);
        assertThat(ResultEtag.of(List.of(candidate("b", 0.6, "1"), candidate("a", 0.8, "1")))).isNotEqualTo(etag);
        assertThat(ResultEtag.thousandths(0.8)).isEqualTo("0.800");
        assertThat(ResultEtag.thousandths(0.0456)).isEqualTo("0.046");
        assertThat(ResultEtag.thousandths(0.0004)).isEqualTo("0.000");
        assertThat(ResultEtag.thousandths(1.0)).isEqualTo("1.000");
        assertThat(ResultEtag.matches(etag, etag)).isTrue();
        assertThat(ResultEtag.matches("\"other\", W/" + etag, etag)).isTrue();
        assertThat(ResultEtag.matches("*", etag)).isTrue();
        assertThat(ResultEtag.matches("\"other\"", etag)).isFalse();
        assertThat(ResultEtag.matches(null, etag)).isFalse();
    }
}
