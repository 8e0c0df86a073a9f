package io.assisthost.api;

import java.util.Objects;

/**
 * A search of one knowledge base through {@link KnowledgeSearch}.
 *
 * @param knowledgeBaseId the knowledge base to search
 * @param query           the free-text query
 * @param context         the interaction, sent to Genesys as the search's conversation context
 * @param maxResults      how many candidates to return at most, 1 to 50
 */
public record KnowledgeQuery(String knowledgeBaseId, String query, InteractionContext context, int maxResults) {

    /** Validates the components. */
    public KnowledgeQuery {
        Objects.requireNonNull(knowledgeBaseId, "knowledgeBaseId");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(context, "context");
        if (maxResults < 1 || maxResults > 50) {
            throw new IllegalArgumentException("maxResults must be between 1 and 50, was " + maxResults);
        }
    }
}
