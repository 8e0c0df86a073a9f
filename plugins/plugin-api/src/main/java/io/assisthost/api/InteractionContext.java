package io.assisthost.api;

import java.util.List;
import java.util.Objects;

/**
 * What the host knows about the live interaction a recommendation is for.
 *
 * @param conversationId the Genesys conversation id; never blank
 * @param mediaType      the channel, as Genesys names it ({@code Voice}, {@code Chat}, {@code Message},
 *                       {@code Email}, ...), or {@code null} when unknown
 * @param agentId        the agent's user id, or {@code null}
 * @param queueId        the queue the interaction is in, or {@code null}
 * @param intent         the detected customer intent, or {@code null}
 * @param keywords       keywords extracted from the conversation; never {@code null}, possibly empty
 * @param query          the free-text query sent to the knowledge source; never {@code null}
 * @param maxResults     how many items the caller wants at most, 1 to 50
 * @param minRelevance   the combined score below which the caller does not want items, 0 to 1
 * @param allowedTypes   content types the caller accepts ({@code knowledge_article}, {@code faq}, ...);
 *                       empty means all
 * @param embedding      an embedding of the conversation supplied by the caller, or {@code null}.
 *                       The array is shared, not copied: never modify it
 */
public record InteractionContext(
        String conversationId,
        String mediaType,
        String agentId,
        String queueId,
        String intent,
        List<String> keywords,
        String query,
        int maxResults,
        double minRelevance,
        List<String> allowedTypes,
        float[] embedding) {

    /** Validates and normalises the components; lists are copied and made unmodifiable. */
    public InteractionContext {
        Objects.requireNonNull(conversationId, "conversationId");
        if (conversationId.isBlank()) {
            throw new IllegalArgumentException("conversationId must not be blank");
        }
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        query = query == null ? "" : query;
        allowedTypes = allowedTypes == null ? List.of() : List.copyOf(allowedTypes);
        if (maxResults < 1 || maxResults > 50) {
            throw new IllegalArgumentException("maxResults must be between 1 and 50, was " + maxResults);
        }
        if (!(minRelevance >= 0.0 && minRelevance <= 1.0)) {
            throw new IllegalArgumentException("minRelevance must be between 0 and 1, was " + minRelevance);
        }
    }
}
