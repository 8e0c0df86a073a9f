package io.assisthost.host.webhooks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A sink as the cluster's maps hold it, secrets included: the maps stay inside the cluster, whose
 * members already hold every secret in their stores.
 */
final class SinkJson {

    private SinkJson() {
    }

    static JsonObject of(Sink sink) {
        return new JsonObject().put("id", sink.id()).put("type", sink.type()).put("url", sink.url())
                .put("secret", sink.secret()).put("previousSecret", sink.previousSecret())
                .put("previousSecretUntil", sink.previousSecretUntil() == null ? null
                        : sink.previousSecretUntil().toEpochMilli())
                .put("eventTypes", new JsonArray(sink.eventTypes())).put("description", sink.description())
                .put("origin", sink.origin()).put("enabled", sink.enabled()).put("disabledReason", sink.disabledReason())
                .put("createdAt", sink.createdAt().toString()).put("updatedAt", sink.updatedAt().toString());
    }

    /** The sink of {@code json}, with {@code origin} as given. */
    static Sink sink(JsonObject json, String origin) {
        Long until = json.getLong("previousSecretUntil");
        return new Sink(json.getString("id"), json.getString("type"), json.getString("url"), json.getString("secret"),
                json.getString("previousSecret"), until == null ? null : Instant.ofEpochMilli(until),
                json.getJsonArray("eventTypes").stream().map(String.class::cast).toList(), json.getString("description"),
                origin, json.getBoolean("enabled", true), json.getString("disabledReason"),
                Instant.parse(json.getString("createdAt")), Instant.parse(json.getString("updatedAt")));
    }
}
