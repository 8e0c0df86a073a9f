package io.assisthost.plugins.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.api.CachedRecommendations;
import io.assisthost.api.Candidate;
import io.assisthost.api.FallbackCause;
import io.assisthost.api.FallbackRequest;
import io.assisthost.api.FallbackResult;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.testing.TestPluginContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FallbackStrategiesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final InteractionContext CONTEXT =
            new InteractionContext("conv-1", "Chat", null, null, null, null, "refund", 5, 0, null, null);

    private static Candidate candidate(String id, String kb) {
        return Candidate.of(id, kb, "Refunds", "faq", null, "", null, null, null, 0.7);
    }

    private static FallbackRequest request(FallbackCause cause, String secondary) {
        return new FallbackRequest(CONTEXT, cause, "503 from Genesys", "kb-primary", secondary, null);
    }

    @Test
    void secondaryKnowledgeBaseSearchesTheFallbackWithTheSameQuery() {
        TestPluginContext context = new TestPluginContext("fallback-strategies")
                .knowledge(query -> CompletableFuture.completedFuture(List.of(candidate("d1", query.knowledgeBaseId()))));
        Optional<FallbackResult> result = new SecondaryKnowledgeBaseFallback(context)
                .fallback(request(FallbackCause.SOURCE_FAILED, "kb-secondary")).toCompletableFuture().join();
        assertThat(result).get().satisfies(r -> {
            assertThat(r.strategy()).isEqualTo("secondary-knowledge-base");
            assertThat(r.knowledgeBaseId()).isEqualTo("kb-secondary");
            assertThat(r.stale()).isFalse();
            assertThat(r.reason()).contains("503 from Genesys");
        });
        assertThat(context.knowledgeQueries).singleElement()
                .satisfies(q -> assertThat(q.query()).isEqualTo("refund"));
    }

    @Test
    void secondaryKnowledgeBaseDeclinesWithoutASecondaryOrWhenItFindsNothing() {
        TestPluginContext context = new TestPluginContext("fallback-strategies");
        SecondaryKnowledgeBaseFallback strategy = new SecondaryKnowledgeBaseFallback(context);
        assertThat(strategy.fallback(request(FallbackCause.TIMEOUT, null)).toCompletableFuture().join()).isEmpty();
        assertThat(strategy.fallback(request(FallbackCause.TIMEOUT, "kb-primary")).toCompletableFuture().join()).isEmpty();
        assertThat(strategy.fallback(request(FallbackCause.TIMEOUT, "kb-secondary")).toCompletableFuture().join()).isEmpty();
        assertThat(context.knowledgeQueries).hasSize(1);
    }

    @Test
    void staleCacheServesTheLastGoodResultWithItsAgeUntilItIsTooOld() {
        TestPluginContext context = new TestPluginContext("fallback-strategies", Map.of("maxAgeSeconds", 60))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .cache(new CachedRecommendations("conv-1", "kb-primary", List.of(candidate("d1", "kb-primary")),
                        NOW.minusSeconds(42)));
        StaleCacheFallback strategy = new StaleCacheFallback(context);
        FallbackResult result = strategy.fallback(request(FallbackCause.CIRCUIT_OPEN, null))
                .toCompletableFuture().join().orElseThrow();
        assertThat(result.stale()).isTrue();
        assertThat(result.age()).isEqualTo(Duration.ofSeconds(42));
        assertThat(result.strategy()).isEqualTo("stale-cache");

        StaleCacheFallback strict = new StaleCacheFallback(new TestPluginContext("fallback-strategies",
                Map.of("maxAgeSeconds", 30)).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .cache(new CachedRecommendations("conv-1", "kb", List.of(candidate("d1", "kb")), NOW.minusSeconds(42))));
        assertThat(strict.fallback(request(FallbackCause.CIRCUIT_OPEN, null)).toCompletableFuture().join()).isEmpty();
    }

    @Test
    void staleCacheDeclinesWhenTheSourceMerelyFoundNothing() {
        TestPluginContext context = new TestPluginContext("fallback-strategies").clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .cache(new CachedRecommendations("conv-1", "kb", List.of(candidate("d1", "kb")), NOW));
        assertThat(new StaleCacheFallback(context).fallback(request(FallbackCause.EMPTY, null))
                .toCompletableFuture().join()).isEmpty();
    }
}
