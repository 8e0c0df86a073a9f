package io.assisthost.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The last good recommendation result the cluster holds for an interaction.
 *
 * @param conversationId  the interaction
 * @param knowledgeBaseId the knowledge base the result came from
 * @param candidates      the ranked, scored and filtered candidates that were returned
 * @param storedAt        when the result was produced
 */
public record CachedRecommendations(
        String conversationId, String knowledgeBaseId, List<Candidate> candidates, Instant storedAt) {

    /** Validates the components; the list is copied and made unmodifiable. */
    public CachedRecommendations {
        Objects.requireNonNull(conversationId, "conversationId");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(storedAt, "storedAt");
    }
}
