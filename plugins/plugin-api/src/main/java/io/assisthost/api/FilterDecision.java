package io.assisthost.api;

import java.util.Objects;

/**
 * A {@link RecommendationFilter}'s verdict on one candidate.
 *
 * @param documentId the {@link Candidate#documentId()} of a candidate in the request
 * @param keep       whether the candidate stays in the result
 * @param reason     why, in a few words an operator understands (shown in the audit log and the
 *                   console); required when {@code keep} is false
 */
public record FilterDecision(String documentId, boolean keep, String reason) {

    /** Validates the components. */
    public FilterDecision {
        Objects.requireNonNull(documentId, "documentId");
        if (!keep && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a drop decision needs a reason");
        }
    }

    /** Keeps the candidate. */
    public static FilterDecision keep(String documentId) {
        return new FilterDecision(documentId, true, null);
    }

    /** Drops the candidate, for the given reason. */
    public static FilterDecision drop(String documentId, String reason) {
        return new FilterDecision(documentId, false, reason);
    }
}
