package io.assisthost.plugins.fallback;

import io.assisthost.api.CachedRecommendations;
import io.assisthost.api.FallbackCause;
import io.assisthost.api.FallbackRequest;
import io.assisthost.api.FallbackResult;
import io.assisthost.api.FallbackStrategy;
import io.assisthost.api.PluginContext;
import io.assisthost.api.RecommendationCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pf4j.Extension;

/**
 * Serves the last known good result for the interaction from the cluster cache, marked stale with its
 * age, when the source failed (not when it merely found nothing: a stale answer to an old question is
 * worse than none). Declines when nothing is cached or the entry is older than {@code maxAgeSeconds}
 * (setting of {@code plugins.config.fallback-strategies}, default 900).
 */
@Extension(ordinal = 20)
public class StaleCacheFallback implements FallbackStrategy {

    /** The strategy name reported as {@code source.strategy}. */
    public static final String NAME = "stale-cache";

    private final RecommendationCache cache;
    private final Clock clock;
    private final Duration maxAge;

    public StaleCacheFallback(PluginContext context) {
        this.cache = context.cache();
        this.clock = context.clock();
        this.maxAge = Duration.ofSeconds(context.config().getInt("maxAgeSeconds", 900));
    }

    @Override
    public CompletionStage<Optional<FallbackResult>> fallback(FallbackRequest request) {
        if (request.cause() == FallbackCause.EMPTY) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return cache.lastKnownGood(request.context().conversationId())
                .thenApply(cached -> cached.flatMap(entry -> serve(entry, request)));
    }

    private Optional<FallbackResult> serve(CachedRecommendations entry, FallbackRequest request) {
        Duration age = Duration.between(entry.storedAt(), clock.instant());
        if (entry.candidates().isEmpty() || age.compareTo(maxAge) > 0) {
            return Optional.empty();
        }
        Duration nonNegative = age.isNegative() ? Duration.ZERO : age;
        return Optional.of(FallbackResult.stale(NAME, entry.knowledgeBaseId(), entry.candidates(), nonNegative,
                "last known good result, " + nonNegative.toSeconds() + " s old; source: " + request.detail()));
    }
}
