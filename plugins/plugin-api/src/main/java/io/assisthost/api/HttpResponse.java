package io.assisthost.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A response received by {@link HttpSender}.
 *
 * @param status  the HTTP status code
 * @param headers the response headers by name as received; use {@link #header(String)} to look one up
 *                without regard to case
 * @param body    the body bytes, empty if none; shared, not copied: never modify it
 */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** Validates the components; the header map is copied and made unmodifiable. */
    public HttpResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /**
     * The first value of a header, looked up without regard to case.
     *
     * @param name the header name
     * @return the value, or {@code null} if the header is absent
     */
    public String header(String name) {
        Objects.requireNonNull(name, "name");
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** @return the body decoded as UTF-8 */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return whether the status is 2xx */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
