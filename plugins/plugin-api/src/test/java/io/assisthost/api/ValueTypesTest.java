package io.assisthost.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    private static InteractionContext context() {
        return new InteractionContext("conv-1", "Voice", null, null, null, null, "late refund", 10, 0.0, null, null);
    }

    @Test
    void scoreRejectsValuesOutsideTheUnitIntervalAndNaN() {
        assertThatThrownBy(() -> new Score("d", "semantic", 1.01)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new Score("d", "semantic", Double.NaN)).hasMessageContaining("NaN");
        assertThat(new Score("d", "semantic", 1.0).value()).isEqualTo(1.0);
    }

    @Test
    void scoreRejectsMalformedAndReservedComponentNames() {
        assertThatThrownBy(() -> new Score("d", "Semantic", 0.5)).hasMessageContaining("starting with a letter");
        assertThatThrownBy(() -> new Score("d", "", 0.5)).hasMessageContaining("component name");
        assertThatThrownBy(() -> new Score("d", "9lives", 0.5)).hasMessageContaining("component name");
        assertThatThrownBy(() -> new Score("d", "a b", 0.5)).hasMessageContaining("component name");
        assertThatThrownBy(() -> new Score("d", "a".repeat(65), 0.5)).hasMessageContaining("component name");
        assertThat(new Score("d", "a".repeat(64), 0.5).component()).hasSize(64);
        assertThat(new Score("d", "fresh_ness-2", 0.5).component()).isEqualTo("fresh_ness-2");
        assertThatThrownBy(() -> new Score("d", "relevance", 0.5)).hasMessageContaining("reserved");
    }

    @Test
    void freshCandidateCarriesRelevanceEqualToConfidence() {
        Candidate candidate = Candidate.of("d1", "kb", "Refunds", "faq", null, "text", "3", "Billing", List.of("refund"), 0.8);
        assertThat(candidate.scores()).containsExactly(Map.entry(Candidate.RELEVANCE, 0.8));
        assertThat(candidate.combinedScore()).isEqualTo(0.8);
    }

    @Test
    void interactionContextValidatesItsLimits() {
        assertThatThrownBy(() -> new InteractionContext(" ", null, null, null, null, null, null, 10, 0, null, null))
                .hasMessageContaining("conversationId");
        assertThatThrownBy(() -> new InteractionContext("c", null, null, null, null, null, null, 51, 0, null, null))
                .hasMessageContaining("maxResults");
        assertThatThrownBy(() -> new InteractionContext("c", null, null, null, null, null, null, 5, 1.5, null, null))
                .hasMessageContaining("minRelevance");
        assertThat(context().keywords()).isEmpty();
    }

    @Test
    void dropDecisionNeedsAReason() {
        assertThatThrownBy(() -> new FilterDecision("d", false, " ")).hasMessageContaining("reason");
        assertThat(FilterDecision.keep("d").keep()).isTrue();
    }

    @Test
    void fallbackResultMustNotBeEmpty() {
        assertThatThrownBy(() -> FallbackResult.fresh("s", "kb", List.of(), "r")).hasMessageContaining("decline");
        Candidate candidate = Candidate.of("d1", "kb", "t", "faq", null, "", null, null, null, 0.5);
        assertThat(FallbackResult.stale("s", "kb", List.of(candidate), Duration.ofSeconds(5), "r").stale()).isTrue();
    }

    @Test
    void httpResponseHeaderLookupIgnoresCase() {
        HttpResponse response = new HttpResponse(429, Map.of("Retry-After", List.of("7")), null);
        assertThat(response.header("retry-after")).isEqualTo("7");
        assertThat(response.header("missing")).isNull();
        assertThat(response.isSuccess()).isFalse();
    }

    @Test
    void pluginConfigGettersReturnDefaultsAndNameTheKeyOnWrongTypes() {
        PluginConfig config = PluginConfig.of(Map.of("topK", 5, "labels", List.of("a", "b"), "name", "x",
                "nested", Map.of("on", true)));
        assertThat(config.getInt("topK", 1)).isEqualTo(5);
        assertThat(config.getInt("absent", 3)).isEqualTo(3);
        assertThat(config.getStrings("labels")).containsExactly("a", "b");
        assertThat(config.getObject("nested").getBoolean("on", false)).isTrue();
        assertThatThrownBy(() -> config.getInt("name", 0)).hasMessageContaining("'name'").hasMessageContaining("number");
        assertThatThrownBy(() -> PluginConfig.of(Map.of("k", 1.5)).getInt("k", 0)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> config.asMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
