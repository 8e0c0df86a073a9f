package io.assisthost.host.genesys;

import com.mypurecloud.sdk.v2.ApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A Genesys call that failed, typed: what kind of failure, the HTTP status, Genesys' error {@code code}
 * and {@code message}, the {@code Retry-After} delay and the correlation id.
 */
public final class GenesysFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure callers act on differently. */
    public enum Kind {
        /** 401: the token was missing, expired or revoked, or the client credentials are wrong. */
        UNAUTHORIZED,
        /** 403: the OAuth client lacks a permission. */
        FORBIDDEN,
        /** 404: no such knowledge base, document, search or channel. */
        NOT_FOUND,
        /** Another 4xx: the request is wrong. */
        BAD_REQUEST,
        /** 429: rate limited; see {@link #retryAfter()}. */
        RATE_LIMITED,
        /** 5xx. */
        SERVER_ERROR,
        /** No answer within the request timeout. */
        TIMEOUT,
        /** No answer at all: connection refused or reset, DNS. */
        NETWORK,
        /** A 2xx whose body the SDK could not read. */
        INVALID_RESPONSE
    }

    private final Kind kind;
    private final int status;
    private final String code;
    private final transient Duration retryAfter;
    private final String correlationId;

    public GenesysFailure(Kind kind, int status, String code, String message, Duration retryAfter, String correlationId,
                          Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
        this.correlationId = correlationId;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** Genesys' error code (for example {@code too.many.requests.retry.after}), or {@code null}. */
    public String code() {
        return code;
    }

    /** The delay Genesys asked for ({@code Retry-After}), or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The {@code ININ-Correlation-Id} of the response, or {@code null}. */
    public String correlationId() {
        return correlationId;
    }

    /** Whether a circuit breaker should count this failure: server trouble, not a wrong request. */
    public boolean isTransient() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER_ERROR || kind == Kind.TIMEOUT || kind == Kind.NETWORK;
    }

    /** The failure as JSON for logs and API responses. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("kind", kind.name())
                .put("status", status)
                .put("code", code)
                .put("message", getMessage())
                .put("retryAfterSeconds", retryAfter == null ? null : retryAfter.toSeconds())
                .put("correlationId", correlationId);
    }

    /** Maps whatever an SDK call failed with to a typed failure. */
    public static GenesysFailure from(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof GenesysFailure typed) {
            return typed;
        }
        if (cause instanceof ApiException api) {
            return fromApiException(api);
        }
        if (cause instanceof TimeoutException || cause instanceof InterruptedIOException) {
            return new GenesysFailure(Kind.TIMEOUT, 0, null, "Genesys did not answer in time: " + cause.getMessage(),
                    null, null, cause);
        }
        if (cause instanceof ConnectException) {
            return new GenesysFailure(Kind.NETWORK, 0, null, "cannot connect to Genesys: " + cause.getMessage(), null,
                    null, cause);
        }
        if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return new GenesysFailure(Kind.INVALID_RESPONSE, 0, null, "unreadable Genesys response: "
                    + cause.getMessage(), null, null, cause);
        }
        if (cause instanceof IOException) {
            return new GenesysFailure(Kind.NETWORK, 0, null, "Genesys call failed: " + cause, null, null, cause);
        }
        return new GenesysFailure(Kind.NETWORK, 0, null, "Genesys call failed: " + cause, null, null, cause);
    }

    private static GenesysFailure fromApiException(ApiException api) {
        if (api.getStatusCode() <= 0) {
            Throwable inner = api.getException() != null ? api.getException() : api.getCause();
            return inner != null ? from(inner) : new GenesysFailure(Kind.NETWORK, 0, null, api.getMessage(), null, null, api);
        }
        Map<String, String> headers = api.getHeaders() == null ? Map.of() : api.getHeaders();
        JsonObject body = parse(api.getRawBody());
        String message = firstNonBlank(body.getString("message"), body.getString("error_description"),
                body.getString("description"), "HTTP " + api.getStatusCode());
        String code = firstNonBlank(body.getString("code"), body.getString("error"), null);
        String correlationId = firstNonBlank(header(headers, "ININ-Correlation-Id"), body.getString("contextId"), null);
        return new GenesysFailure(kindOf(api.getStatusCode()), api.getStatusCode(), code, message,
                retryAfter(header(headers, "Retry-After")), correlationId, api);
    }

    static Kind kindOf(int status) {
        if (status == 401) {
            return Kind.UNAUTHORIZED;
        }
        if (status == 403) {
            return Kind.FORBIDDEN;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status == 429) {
            return Kind.RATE_LIMITED;
        }
        return status >= 500 ? Kind.SERVER_ERROR : Kind.BAD_REQUEST;
    }

    /** Looks a header up without regard to case: the SDK's error headers are a case-sensitive map. */
    static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    static Duration retryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }

    private static JsonObject parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new JsonObject();
        }
        try {
            return new JsonObject(raw);
        } catch (DecodeException | ClassCastException notJson) {
            return new JsonObject();
        }
    }

    private static String firstNonBlank(String first, String second, String fallback) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : fallback;
    }

    private static String firstNonBlank(String first, String second, String third, String fallback) {
        return firstNonBlank(first, firstNonBlank(second, third, null), fallback);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
