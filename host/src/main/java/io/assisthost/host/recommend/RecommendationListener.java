package io.assisthost.host.recommend;

import io.vertx.core.Future;

/**
 * Hears about every recommendation before its caller gets it, so that the audit log and the webhook
 * outbox can record it durably first. A failed future fails the request: nothing is answered that was
 * not recorded.
 */
@FunctionalInterface
public interface RecommendationListener {

    /**
     * @param recommendation what the caller is about to receive
     * @param origin         {@code request} for a direct request, {@code subscription} for a poll
     */
    Future<Void> delivered(Recommendation recommendation, String origin);
}
