package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.assisthost.api.FallbackCause;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline answered for one request: the ranked items and where they came from, what
 * filters dropped and which plugins were skipped, per-stage latency and the result-set ETag.
 */
public record Recommendation(String conversationId, String query, Source source, List<Candidate> items,
                             JsonArray dropped, JsonArray skipped, Map<String, Long> latencyMs, String etag,
                             Instant generatedAt) {

    /**
     * Where the items came from.
     *
     * @param knowledgeBaseId the knowledge base of the items (the primary one when nothing served)
     * @param fallback        whether a fallback strategy served them
     * @param strategy        {@code knowledge-search} for the primary source, else the strategy's name;
     *                        {@code null} when nothing served
     * @param reason          why a fallback served, or why nothing did; empty for the primary source
     * @param cause           why the primary source gave nothing, or {@code null}
     * @param stale           whether the items are older than the request
     * @param age             how old stale items are
     * @param searchId        the Genesys search that found the items, or {@code null} when a fallback served;
     *                        an accepted article is reported to Genesys against it
     */
    public record Source(String knowledgeBaseId, boolean fallback, String strategy, String reason, FallbackCause cause,
                         boolean stale, Duration age, String searchId) {

        static final String PRIMARY = "knowledge-search";

        JsonObject toJson() {
            return new JsonObject()
                    .put("knowledgeBaseId", knowledgeBaseId)
                    .put("fallback", fallback)
                    .put("strategy", strategy)
                    .put("reason", reason)
                    .put("cause", cause == null ? null : cause.name())
                    .put("stale", stale)
                    .put("ageSeconds", age.toSeconds())
                    .put("searchId", searchId);
        }
    }

    /** Whether the items came from a live knowledge search of the primary knowledge base. */
    public boolean live() {
        return !source.fallback() && !items.isEmpty();
    }

    public JsonObject toJson() {
        JsonArray itemArray = new JsonArray();
        for (int i = 0; i < items.size(); i++) {
            itemArray.add(CandidateJson.toJson(items.get(i)).put("rank", i + 1));
        }
        JsonObject latency = new JsonObject();
        latencyMs.forEach(latency::put);
        return new JsonObject()
                .put("conversationId", conversationId)
                .put("query", query)
                .put("source", source.toJson())
                .put("items", itemArray)
                .put("dropped", dropped.copy())
                .put("skipped", skipped.copy())
                .put("latencyMs", latency)
                .put("etag", etag)
                .put("generatedAt", generatedAt.toString());
    }
}
