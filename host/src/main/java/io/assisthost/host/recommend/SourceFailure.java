package io.assisthost.host.recommend;

import io.assisthost.api.FallbackCause;
import io.assisthost.host.genesys.GenesysFailure;
import io.vertx.circuitbreaker.OpenCircuitException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The knowledge source gave no answer; says why in the terms fallback strategies understand. */
public final class SourceFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FallbackCause reason;
    private final transient Duration retryAfter;

    SourceFailure(FallbackCause reason, String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public FallbackCause reason() {
        return reason;
    }

    /** For {@link FallbackCause#RATE_LIMITED}, how long Genesys asked to wait; else {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    static SourceFailure of(String knowledgeBaseId, Throwable failure) {
        if (failure instanceof SourceFailure already) {
            return already;
        }
        if (failure instanceof OpenCircuitException) {
            return new SourceFailure(FallbackCause.CIRCUIT_OPEN, "circuit breaker of knowledge base " + knowledgeBaseId
                    + " is open", null, failure);
        }
        if (failure instanceof io.vertx.circuitbreaker.TimeoutException || failure instanceof TimeoutException) {
            return new SourceFailure(FallbackCause.TIMEOUT, "knowledge base " + knowledgeBaseId
                    + " did not answer within the breaker timeout", null, failure);
        }
        GenesysFailure genesys = GenesysFailure.from(failure);
        FallbackCause reason = switch (genesys.kind()) {
            case RATE_LIMITED -> FallbackCause.RATE_LIMITED;
            case TIMEOUT -> FallbackCause.TIMEOUT;
            default -> FallbackCause.SOURCE_FAILED;
        };
        String detail = "knowledge base " + knowledgeBaseId + ": " + (genesys.status() > 0 ? genesys.status() + " " : "")
                + genesys.getMessage();
        return new SourceFailure(reason, detail, genesys.retryAfter(), failure);
    }
}
