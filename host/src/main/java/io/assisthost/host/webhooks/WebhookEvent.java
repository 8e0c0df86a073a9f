package io.assisthost.host.webhooks;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An outgoing event before it enters the outbox.
 *
 * @param type           one of {@link EventTypes#KNOWN}
 * @param conversationId the conversation it is about, or {@code null}; events of one conversation reach
 *                       each sink in the order they were published
 * @param data           the event's own fields; the outbox adds {@code type}, {@code id}, {@code timestamp}
 *                       and {@code conversationId}, which replace fields of the same names
 */
public record WebhookEvent(String type, String conversationId, JsonObject data) {

    public WebhookEvent {
        Objects.requireNonNull(type, "type");
        data = data == null ? new JsonObject() : data.copy();
    }
}
