package io.assisthost.host.recommend;

import io.assisthost.api.InteractionContext;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * A validated recommendation request, as {@code POST /api/v1/recommendations}, subscriptions and the
 * {@code assist.recommend} address accept it.
 *
 * @param conversationId        the interaction
 * @param mediaType             Genesys media type, or {@code null}
 * @param agentId               the agent, or {@code null}
 * @param queueId               the queue, or {@code null}
 * @param intent                the detected intent, or {@code null}
 * @param keywords              keywords, possibly empty
 * @param query                 the free-text query, or empty to build one (see {@link QueryBuilder})
 * @param maxResults            1 to 50
 * @param minRelevance          0 to 1
 * @param allowedTypes          accepted content types, empty for all
 * @param primaryKnowledgeBase  the knowledge base to search
 * @param fallbackKnowledgeBase the knowledge base of the secondary fallback, or {@code null}
 * @param contextEmbedding      the caller's embedding of the conversation, or {@code null}
 * @param embeddings            the caller's document embeddings by document id
 */
public record RecommendRequest(String conversationId, String mediaType, String agentId, String queueId, String intent,
                               List<String> keywords, String query, int maxResults, double minRelevance,
                               List<String> allowedTypes, String primaryKnowledgeBase, String fallbackKnowledgeBase,
                               float[] contextEmbedding, Map<String, float[]> embeddings) {

    /** The plugin-facing context of this request with the query that will be searched. */
    public InteractionContext context(String effectiveQuery) {
        return new InteractionContext(conversationId, mediaType, agentId, queueId, intent, keywords, effectiveQuery,
                maxResults, minRelevance, allowedTypes, contextEmbedding);
    }

    /** This request as JSON, in the request's own field names (embeddings left out). */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("conversationId", conversationId)
                .put("maxResults", maxResults)
                .put("minRelevance", minRelevance)
                .put("knowledgeBases", new JsonObject().put("primary", primaryKnowledgeBase).put("fallback", fallbackKnowledgeBase));
        putIfSet(json, "mediaType", mediaType);
        putIfSet(json, "agentId", agentId);
        putIfSet(json, "queueId", queueId);
        putIfSet(json, "intent", intent);
        putIfSet(json, "query", query.isEmpty() ? null : query);
        if (!keywords.isEmpty()) {
            json.put("keywords", new JsonArray(keywords));
        }
        if (!allowedTypes.isEmpty()) {
            json.put("allowedTypes", new JsonArray(allowedTypes));
        }
        return json;
    }

    private static void putIfSet(JsonObject json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
