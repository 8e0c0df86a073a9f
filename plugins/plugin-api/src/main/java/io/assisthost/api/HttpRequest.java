package io.assisthost.api;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request for {@link HttpSender}.
 *
 * @param method  the method, upper case ({@code POST}, {@code GET}, ...)
 * @param uri     the absolute destination
 * @param headers the request headers; never {@code null}
 * @param body    the body bytes, or {@code null} for none; shared, not copied: never modify it
 * @param timeout how long to wait for the whole response before failing; positive
 */
public record HttpRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

    /** The timeout used by {@link #post(URI, Map, byte[])}: 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** Validates the components; the header map is copied and made unmodifiable. */
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException("uri must be absolute, was " + uri);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /**
     * A POST with the default timeout.
     *
     * @param uri     the destination
     * @param headers the headers
     * @param body    the body
     * @return the request
     */
    public static HttpRequest post(URI uri, Map<String, String> headers, byte[] body) {
        return new HttpRequest("POST", uri, headers, body, DEFAULT_TIMEOUT);
    }

    /**
     * @param newTimeout the timeout
     * @return this request with another timeout
     */
    public HttpRequest withTimeout(Duration newTimeout) {
        return new HttpRequest(method, uri, headers, body, newTimeout);
    }
}
