package io.assisthost.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The input of {@link FallbackStrategy#fallback(FallbackRequest)}.
 *
 * @param context                 the interaction that needs recommendations
 * @param cause                   why the primary source gave none
 * @param detail                  a human-readable description of the failure, never {@code null}
 * @param knowledgeBaseId         the primary knowledge base that failed
 * @param fallbackKnowledgeBaseId the secondary knowledge base configured for this request, or
 *                                {@code null} if there is none
 * @param retryAfter              for {@link FallbackCause#RATE_LIMITED}, how long the source asked the
 *                                host to wait; otherwise {@code null}
 */
public record FallbackRequest(
        InteractionContext context,
        FallbackCause cause,
        String detail,
        String knowledgeBaseId,
        String fallbackKnowledgeBaseId,
        Duration retryAfter) {

    /** Validates the components. */
    public FallbackRequest {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(knowledgeBaseId, "knowledgeBaseId");
        detail = detail == null ? cause.name() : detail;
    }
}
