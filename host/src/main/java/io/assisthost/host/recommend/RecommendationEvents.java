package io.assisthost.host.recommend;

import io.assisthost.host.audit.AuditRecord;
import io.assisthost.host.webhooks.EventTypes;
import io.assisthost.host.webhooks.WebhookEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The webhook events of recommendations: the audit summary plus the top five items, for a delivered
 * result and for a subscription's changed one.
 */
public final class RecommendationEvents {

    private static final int TOP = 5;

    private RecommendationEvents() {
    }

    /**
     * {@code agentassist.recommendations.delivered}: a result answered to a caller.
     *
     * @param audit the result's audit entry, whose summary the event carries
     */
    public static WebhookEvent delivered(Recommendation recommendation, AuditRecord audit) {
        return new WebhookEvent(EventTypes.RECOMMENDATIONS_DELIVERED, recommendation.conversationId(),
                body(recommendation, audit));
    }

    /** {@code agentassist.recommendations.updated}: a subscribed interaction's result set changed. */
    public static WebhookEvent updated(Recommendation recommendation, String previousEtag) {
        return new WebhookEvent(EventTypes.RECOMMENDATIONS_UPDATED, recommendation.conversationId(),
                body(recommendation, RecommendationAudit.of(recommendation, "subscription"))
                        .put("previousEtag", previousEtag));
    }

    private static JsonObject body(Recommendation recommendation, AuditRecord record) {
        JsonObject audit = record.details().copy();
        audit.remove("documentIds");
        JsonArray content = new JsonArray();
        recommendation.items().stream().limit(TOP).forEach(item -> content.add(new JsonObject()
                .put("id", item.documentId())
                .put("title", item.title())
                .put("url", item.url())
                .put("score", CandidateJson.round(item.combinedScore()))));
        return new JsonObject().put("etag", recommendation.etag()).put("audit", audit).put("content", content);
    }
}
