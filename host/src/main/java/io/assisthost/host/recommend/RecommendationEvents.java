package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
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

    /** {@code agentassist.recommendations.delivered}: a result answered to a caller. */
    public static WebhookEvent delivered(Recommendation recommendation, String origin) {
        return new WebhookEvent(EventTypes.RECOMMENDATIONS_DELIVERED, recommendation.conversationId(),
                body(recommendation, origin));
    }

    /** {@code agentassist.recommendations.updated}: a subscribed interaction's result set changed. */
    public static WebhookEvent updated(Recommendation recommendation, String previousEtag) {
        return new WebhookEvent(EventTypes.RECOMMENDATIONS_UPDATED, recommendation.conversationId(),
                body(recommendation, "subscription").put("previousEtag", previousEtag));
    }

    private static JsonObject body(Recommendation recommendation, String origin) {
        JsonObject audit = RecommendationAudit.of(recommendation, origin).details().copy();
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
