package io.assisthost.plugins.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.api.Candidate;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreRequest;
import io.assisthost.api.testing.TestPluginContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SemanticScorerTest {

    private final SemanticScorer scorer = new SemanticScorer(new TestPluginContext("semantic-scorer"));

    private static InteractionContext context(String query, float[] embedding) {
        return new InteractionContext("conv-1", "Voice", null, null, null, null, query, 10, 0.0, null, embedding);
    }

    private static Candidate article(String id, String title, String text) {
        return Candidate.of(id, "kb", title, "knowledge_article", null, text, null, null, null, 0.5);
    }

    private Map<String, Double> score(InteractionContext context, Candidate... candidates) {
        return scorer.score(new ScoreRequest(context, List.of(candidates))).stream()
                .collect(Collectors.toMap(Score::documentId, Score::value));
    }

    @Test
    void ranksTheArticleThatSharesTheQuerysWordsHighest() {
        Map<String, Double> scores = score(context("refund for a late delivery", null),
                article("refund", "Refunds for late deliveries", "How to refund a customer whose delivery arrived late."),
                article("password", "Resetting a password", "Send the customer a password reset link."));
        assertThat(scores.get("refund")).isGreaterThan(0.3);
        assertThat(scores.get("password")).isLessThan(scores.get("refund"));
        assertThat(scores.values()).allMatch(v -> v >= 0 && v <= 1);
    }

    @Test
    void foldsCaseAndAccents() {
        Map<String, Double> scores = score(context("CAFÉ refund", null), article("a", "cafe refund", ""));
        assertThat(scores.get("a")).isGreaterThan(0.99);
    }

    @Test
    void usesCallerEmbeddingsWhenBothSidesHaveThemAndClipsNegativeSimilarity() {
        float[] query = {1, 0, 0};
        Function<float[], Candidate> withEmbedding = e -> article("x" + e[0] + e[1], "unrelated", "words").withEmbedding(e);
        Map<String, Double> scores = score(context("anything", query),
                withEmbedding.apply(new float[]{1, 0, 0}), withEmbedding.apply(new float[]{-1, 0, 0}));
        assertThat(scores.get("x1.00.0")).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(scores.get("x-1.00.0")).isZero();
    }

    @Test
    void scoresCandidatesWithoutAComparableEmbeddingLexicallyInTheSameRequest() {
        Candidate refund = article("refund", "Refunds for late deliveries", "Refund a late delivery.");
        Candidate password = article("password", "Resetting a password", "Send a reset link.");
        Map<String, Double> lexicalOnly = score(context("refund for a late delivery", null), refund, password);

        Map<String, Double> mixed = score(context("refund for a late delivery", new float[]{1, 0, 0}),
                article("embedded", "unrelated", "words").withEmbedding(new float[]{1, 1, 0}),
                refund,
                password.withEmbedding(new float[]{1, 0}));

        assertThat(mixed.get("embedded")).isEqualTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(mixed.get("refund")).isEqualTo(lexicalOnly.get("refund"));
        assertThat(mixed.get("password")).isEqualTo(lexicalOnly.get("password"));
    }

    @Test
    void scoresEveryCandidateUnderTheSemanticComponent() {
        List<Score> scores = scorer.score(new ScoreRequest(context("q", null),
                List.of(article("a", "t", ""), article("b", "t", ""))));
        assertThat(scores).extracting(Score::component).containsOnly(SemanticScorer.COMPONENT);
        assertThat(scores).extracting(Score::documentId).containsExactly("a", "b");
    }
}
