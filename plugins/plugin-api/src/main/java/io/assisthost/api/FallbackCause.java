package io.assisthost.api;

/** Why the host asks {@link FallbackStrategy}s for recommendations. */
public enum FallbackCause {
    /** The knowledge source answered with an error (5xx, an I/O failure, an unusable body). */
    SOURCE_FAILED,
    /** The knowledge source did not answer within its time budget. */
    TIMEOUT,
    /** The circuit breaker of the knowledge base is open: the source was not called at all. */
    CIRCUIT_OPEN,
    /** The knowledge source answered 429; {@link FallbackRequest#retryAfter()} says for how long. */
    RATE_LIMITED,
    /** The source answered, but nothing survived scoring and filtering. */
    EMPTY
}
