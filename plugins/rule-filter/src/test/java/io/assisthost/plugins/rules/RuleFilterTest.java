package io.assisthost.plugins.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.api.Candidate;
import io.assisthost.api.FilterDecision;
import io.assisthost.api.FilterRequest;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.testing.TestPluginContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleFilterTest {

    private static Candidate candidate(String id, String title, String type, double score, String category, List<String> labels) {
        return new Candidate(id, "kb", title, type, null, "", null, category, labels, score, null,
                Map.of(Candidate.RELEVANCE, score), score);
    }

    private static Map<String, String> drops(RuleFilter filter, InteractionContext context, Candidate... candidates) {
        return filter.filter(new FilterRequest(context, List.of(candidates))).stream()
                .filter(d -> !d.keep())
                .collect(Collectors.toMap(FilterDecision::documentId, FilterDecision::reason));
    }

    private static InteractionContext context(int maxResults, double minRelevance, List<String> allowedTypes) {
        return new InteractionContext("c", null, null, null, null, null, "q", maxResults, minRelevance, allowedTypes, null);
    }

    @Test
    void dropsEachRuleWithItsReason() {
        RuleFilter filter = new RuleFilter(new TestPluginContext("rule-filter", Map.of(
                "allowedTypes", List.of("faq", "knowledge_article"),
                "blockedLabels", List.of("Internal"),
                "blockedCategories", List.of("legal"),
                "minScore", 0.2)));
        Map<String, String> drops = drops(filter, context(10, 0.0, List.of()),
                candidate("ok", "Refunds", "faq", 0.9, "Billing", List.of()),
                candidate("type", "Guide", "procedure_guide", 0.9, null, List.of()),
                candidate("low", "Low", "faq", 0.1, null, List.of()),
                candidate("label", "Secret", "faq", 0.8, null, List.of("internal")),
                candidate("category", "Terms", "faq", 0.8, "Legal", List.of()),
                candidate("dup", " refunds ", "faq", 0.7, null, List.of()));
        assertThat(drops).doesNotContainKey("ok");
        assertThat(drops.get("type")).contains("not allowed");
        assertThat(drops.get("low")).contains("below 0.200");
        assertThat(drops.get("label")).contains("label internal blocked");
        assertThat(drops.get("category")).contains("category Legal blocked");
        assertThat(drops.get("dup")).contains("duplicate");
    }

    @Test
    void requestLimitsNarrowTheConfiguredOnes() {
        RuleFilter filter = new RuleFilter(new TestPluginContext("rule-filter", Map.of("topK", 3, "minScore", 0.1)));
        Map<String, String> drops = drops(filter, context(2, 0.5, List.of("faq")),
                candidate("a", "A", "faq", 0.9, null, List.of()),
                candidate("b", "B", "knowledge_article", 0.8, null, List.of()),
                candidate("c", "C", "faq", 0.7, null, List.of()),
                candidate("d", "D", "faq", 0.6, null, List.of()),
                candidate("e", "E", "faq", 0.4, null, List.of()));
        assertThat(drops.get("b")).contains("not requested");
        assertThat(drops.get("d")).isEqualTo("beyond top 2");
        assertThat(drops.get("e")).contains("below 0.500");
        assertThat(drops).doesNotContainKeys("a", "c");
    }

    @Test
    void aDuplicateCountsAgainstNoLimitAndPastTheLimitIsDroppedAsSuch() {
        RuleFilter filter = new RuleFilter(new TestPluginContext("rule-filter", Map.of("topK", 2)));
        Map<String, String> drops = drops(filter, context(10, 0.0, List.of()),
                candidate("a", "Refunds", "faq", 0.9, null, List.of()),
                candidate("a-again", "REFUNDS", "faq", 0.8, null, List.of()),
                candidate("b", "Billing", "faq", 0.7, null, List.of()),
                candidate("a-third", "refunds", "faq", 0.6, null, List.of()),
                candidate("c", "Cancellation", "faq", 0.5, null, List.of()));
        assertThat(drops).containsOnlyKeys("a-again", "a-third", "c");
        assertThat(drops.get("a-again")).isEqualTo("duplicate of a better-ranked article");
        assertThat(drops.get("a-third")).isEqualTo("beyond top 2");
        assertThat(drops.get("c")).isEqualTo("beyond top 2");
    }

    @Test
    void scoresInReasonsHaveThreeDecimals() {
        assertThat(RuleFilter.threeDecimals(0)).isEqualTo("0.000");
        assertThat(RuleFilter.threeDecimals(0.0456)).isEqualTo("0.046");
        assertThat(RuleFilter.threeDecimals(0.5)).isEqualTo("0.500");
        assertThat(RuleFilter.threeDecimals(0.9996)).isEqualTo("1.000");
        assertThat(RuleFilter.threeDecimals(1)).isEqualTo("1.000");
    }
}
