package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.assisthost.host.audit.AuditRecord;
import io.vertx.core.json.JsonObject;

/** The audit entry of a delivered recommendation: where it came from, how many items, how good, how fast. */
public final class RecommendationAudit {

    private RecommendationAudit() {
    }

    /**
     * @param origin {@code request} or {@code subscription}
     */
    public static AuditRecord of(Recommendation recommendation, String origin) {
        double max = recommendation.items().stream().mapToDouble(Candidate::combinedScore).max().orElse(0);
        double average = recommendation.items().stream().mapToDouble(Candidate::combinedScore).average().orElse(0);
        Recommendation.Source source = recommendation.source();
        JsonObject details = new JsonObject()
                .put("origin", origin)
                .put("knowledgeBaseId", source.knowledgeBaseId())
                .put("fallback", source.fallback())
                .put("strategy", source.strategy())
                .put("cause", source.cause() == null ? null : source.cause().name())
                .put("count", recommendation.items().size())
                .put("averageScore", CandidateJson.round(average))
                .put("maxScore", CandidateJson.round(max))
                .put("latencyMs", recommendation.latencyMs().get("total"))
                .put("etag", recommendation.etag())
                .put("documentIds", recommendation.items().stream().map(Candidate::documentId).toList());
        return new AuditRecord("recommendation", origin, recommendation.conversationId(), null,
                source.knowledgeBaseId(), details);
    }
}
