package io.assisthost.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Recommendations a {@link FallbackStrategy} produced instead of the primary source's.
 *
 * @param strategy        a short name for the strategy that served, shown to callers as
 *                        {@code source.strategy} (for example {@code secondary-knowledge-base})
 * @param knowledgeBaseId the knowledge base the candidates came from, or {@code null} if none did
 * @param candidates      the candidates; the host scores and filters them like primary results unless
 *                        they already carry scores from a cache. Never empty: decline instead
 * @param stale           whether the candidates are older than this request (for example a cached
 *                        result)
 * @param age             how old stale candidates are; {@link Duration#ZERO} for fresh ones
 * @param reason          why this strategy served, in a few words for operators
 */
public record FallbackResult(
        String strategy,
        String knowledgeBaseId,
        List<Candidate> candidates,
        boolean stale,
        Duration age,
        String reason) {

    /** Validates the components; the list is copied and made unmodifiable. */
    public FallbackResult {
        Objects.requireNonNull(strategy, "strategy");
        candidates = List.copyOf(candidates);
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a fallback result needs candidates; decline instead");
        }
        age = age == null ? Duration.ZERO : age;
        if (age.isNegative()) {
            throw new IllegalArgumentException("age must not be negative, was " + age);
        }
        reason = reason == null ? "" : reason;
    }

    /** Fresh candidates, for example from a secondary knowledge base. */
    public static FallbackResult fresh(String strategy, String knowledgeBaseId, List<Candidate> candidates,
                                       String reason) {
        return new FallbackResult(strategy, knowledgeBaseId, candidates, false, Duration.ZERO, reason);
    }

    /** Stale candidates of the given age, for example a last known good result. */
    public static FallbackResult stale(String strategy, String knowledgeBaseId, List<Candidate> candidates,
                                       Duration age, String reason) {
        return new FallbackResult(strategy, knowledgeBaseId, candidates, true, age, reason);
    }
}
