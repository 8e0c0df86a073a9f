package io.assisthost.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What became of one {@link WebhookDelivery}.
 *
 * @param status     the outcome
 * @param httpStatus the receiver's HTTP status, or 0 if there was no response (connection refused,
 *                   timeout)
 * @param retryAfter for {@link Status#RETRY}, the delay the receiver asked for ({@code Retry-After}), or
 *                   {@code null} to let the host's exponential backoff decide
 * @param detail     a short description for the delivery log; never {@code null}
 */
public record DeliveryOutcome(Status status, int httpStatus, Duration retryAfter, String detail) {

    /** The kinds of outcome. */
    public enum Status {
        /** The receiver accepted the event; the host will not send it to this sink again. */
        DELIVERED,
        /**
         * A transient failure; the host retries with exponential backoff and jitter, at least
         * {@code retryAfter} later, and holds back later events of the same conversation to this sink
         * meanwhile. After the configured number of attempts the event becomes a dead letter.
         */
        RETRY,
        /** A permanent failure for this event (for example 400): it becomes a dead letter at once. */
        GIVE_UP,
        /** The receiver is gone for good (HTTP 410): the host disables the sink. */
        GONE
    }

    /** Validates the components. */
    public DeliveryOutcome {
        Objects.requireNonNull(status, "status");
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        detail = detail == null ? "" : detail;
    }

    /** The receiver accepted the event with the given status. */
    public static DeliveryOutcome delivered(int httpStatus) {
        return new DeliveryOutcome(Status.DELIVERED, httpStatus, null, "");
    }

    /** A transient failure; {@code retryAfter} may be {@code null}. */
    public static DeliveryOutcome retry(int httpStatus, Duration retryAfter, String detail) {
        return new DeliveryOutcome(Status.RETRY, httpStatus, retryAfter, detail);
    }

    /** A permanent failure for this event. */
    public static DeliveryOutcome giveUp(int httpStatus, String detail) {
        return new DeliveryOutcome(Status.GIVE_UP, httpStatus, null, detail);
    }

    /** The receiver is gone; the sink will be disabled. */
    public static DeliveryOutcome gone(int httpStatus, String detail) {
        return new DeliveryOutcome(Status.GONE, httpStatus, null, detail);
    }
}
