package io.assisthost.host.webhooks;

import io.assisthost.api.SinkTarget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A configured webhook sink. The secret never leaves the host: {@link #toJson()} shows only whether a
 * rotation is in progress.
 *
 * @param previousSecret      the secret replaced by the last rotation, still signing until
 *                            {@code previousSecretUntil}; {@code null} otherwise
 * @param origin              {@code api}, {@code config} for sinks defined in {@code host.json}, or
 *                            {@code handover} for the sink of a node that left the cluster, whose pending
 *                            deliveries this node took over (it gets no new events)
 * @param disabledReason      why the host disabled the sink (for example the receiver answered 410)
 */
public record Sink(String id, String type, String url, String secret, String previousSecret,
                   Instant previousSecretUntil, List<String> eventTypes, String description, String origin,
                   boolean enabled, String disabledReason, Instant createdAt, Instant updatedAt) {

    public static final String ORIGIN_API = "api";
    public static final String ORIGIN_CONFIG = "config";
    public static final String ORIGIN_HANDOVER = "handover";

    public Sink {
        eventTypes = List.copyOf(eventTypes);
    }

    /** Whether events of this type are routed to the sink. */
    public boolean accepts(String eventType) {
        return eventTypes.contains(EventTypes.ALL) || eventTypes.contains(eventType);
    }

    /** The secrets that sign a delivery at {@code now}: the current one, then a rotating-out one. */
    public List<String> secrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    /** The sink as a {@code WebhookSink} extension sees it. */
    public SinkTarget target() {
        return new SinkTarget(id, type, url, Map.of());
    }

    /** The URL as shown and logged: credentials in it ({@code https://user:password@host}) read {@code ***}. */
    public String shownUrl() {
        return withoutCredentials(url);
    }

    static String withoutCredentials(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return url;
        }
        int authorityStart = start + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int at = url.lastIndexOf('@', authorityEnd - 1);
        return at < authorityStart ? url : url.substring(0, authorityStart) + "***" + url.substring(at);
    }

    /** The public view, without secrets. */
    public JsonObject toJson(Instant now) {
        return new JsonObject()
                .put("id", id)
                .put("type", type)
                .put("url", shownUrl())
                .put("eventTypes", new JsonArray(eventTypes))
                .put("description", description)
                .put("origin", origin)
                .put("enabled", enabled)
                .put("disabledReason", disabledReason)
                .put("secretRotating", secrets(now).size() > 1)
                .put("createdAt", createdAt.toString())
                .put("updatedAt", updatedAt.toString());
    }
}
