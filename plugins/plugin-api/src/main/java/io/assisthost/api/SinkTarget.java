package io.assisthost.api;

import java.util.Map;
import java.util.Objects;

/**
 * A configured webhook sink, as a {@link WebhookSink} sees it. Secrets are not included: the host
 * signs every delivery itself.
 *
 * @param id         the sink id
 * @param type       the sink type that selected the {@link WebhookSink} (for example {@code http})
 * @param url        the destination URL; for {@code http} sinks it has passed the host's outbound
 *                   policy (https, or an allowlisted host)
 * @param properties further sink settings from its configuration; never {@code null}
 */
public record SinkTarget(String id, String type, String url, Map<String, String> properties) {

    /** Validates the components; the map is copied and made unmodifiable. */
    public SinkTarget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
