package io.assisthost.host.engagement;

import java.time.Instant;
import java.util.Objects;

/**
 * A card shown to an agent: which action, version and variant triggered in which conversation, and
 * when. Engagement events refer to it by {@code id}.
 */
public record TriggerRecord(String id, String conversationId, String action, String version, String variant,
                            Instant triggeredAt) {

    public TriggerRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(triggeredAt, "triggeredAt");
    }
}
