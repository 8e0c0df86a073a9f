package io.assisthost.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Read access to the cluster-wide cache of recent recommendation results, shared by all nodes.
 */
public interface RecommendationCache {

    /**
     * The most recent non-empty result served for an interaction from a live source (never one
     * served by a fallback). Never blocks.
     *
     * @param conversationId the interaction
     * @return a stage completing with the cached result, or an empty {@code Optional} if the cluster
     *     holds none (never served, or expired under the cache's time to live)
     */
    CompletionStage<Optional<CachedRecommendations>> lastKnownGood(String conversationId);
}
