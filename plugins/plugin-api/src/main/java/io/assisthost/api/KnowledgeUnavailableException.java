package io.assisthost.api;

import java.time.Duration;

/**
 * A knowledge base could not answer a {@link KnowledgeSearch}.
 */
public class KnowledgeUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FallbackCause cause;
    private final transient Duration retryAfter;

    /**
     * @param cause      why; never {@link FallbackCause#EMPTY}
     * @param message    what happened, for operators
     * @param retryAfter for {@link FallbackCause#RATE_LIMITED}, how long to wait; otherwise {@code null}
     */
    public KnowledgeUnavailableException(FallbackCause cause, String message, Duration retryAfter) {
        super(message);
        this.cause = cause;
        this.retryAfter = retryAfter;
    }

    /** @return why the knowledge base could not answer */
    public FallbackCause reason() {
        return cause;
    }

    /** @return how long the source asked to wait, or {@code null} */
    public Duration retryAfter() {
        return retryAfter;
    }
}
