package io.assisthost.host.audit;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What an audit entry records.
 *
 * @param kind           {@code recommendation}, {@code trigger}, {@code engagement} or {@code config}
 * @param actor          who caused it (an API token's name, {@code system}, a subscription), or {@code null}
 * @param conversationId the interaction, or {@code null}
 * @param action         the assist action concerned, or {@code null}
 * @param subject        what it is about in a few words (a knowledge base, a plugin, a sink), or {@code null}
 * @param details        the facts: for a change, {@code before} and {@code after}
 */
public record AuditRecord(String kind, String actor, String conversationId, String action, String subject,
                          JsonObject details) {

    public AuditRecord {
        Objects.requireNonNull(kind, "kind");
        details = details == null ? new JsonObject() : details.copy();
    }
}
