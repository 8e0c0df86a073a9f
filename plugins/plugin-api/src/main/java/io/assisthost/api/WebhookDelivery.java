package io.assisthost.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt to deliver one event to one sink.
 *
 * @param eventId        the event id, stable across attempts and equal to the {@code webhook-id} header:
 *                       receivers de-duplicate by it
 * @param eventType      the event type, for example {@code agentassist.recommendations.delivered}
 * @param timestamp      when the host signed this attempt (the {@code webhook-timestamp} header)
 * @param conversationId the conversation the event is about, or {@code null} for events that belong to
 *                       none
 * @param payload        the event as a JSON document (UTF-8 text), exactly the bytes that were signed
 * @param headers        headers to send with it: {@code webhook-id}, {@code webhook-timestamp},
 *                       {@code webhook-signature} (Standard Webhooks) and {@code content-type}
 * @param sink           the sink to deliver to
 * @param attempt        1 for the first attempt, incremented on every retry
 */
public record WebhookDelivery(
        String eventId,
        String eventType,
        Instant timestamp,
        String conversationId,
        String payload,
        Map<String, String> headers,
        SinkTarget sink,
        int attempt) {

    /** Validates the components; the map is copied and made unmodifiable. */
    public WebhookDelivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payload, "payload");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Objects.requireNonNull(sink, "sink");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, was " + attempt);
        }
    }
}
