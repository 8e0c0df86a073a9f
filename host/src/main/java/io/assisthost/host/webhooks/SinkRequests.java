package io.assisthost.host.webhooks;

import io.assisthost.host.HostFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Validates sink definitions from the API and from {@code host.json}, naming every bad field. */
final class SinkRequests {

    /** A valid definition; {@code null} fields were absent (an update keeps their current value). */
    record Definition(String url, String secret, List<String> eventTypes, String description, Boolean enabled) {
    }

    private static final int MAX_DESCRIPTION = 500;
    private static final int MAX_URL = 2_000;

    private final OutboundPolicy policy;

    SinkRequests(OutboundPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param complete whether {@code url} is required (create) or may be absent (update)
     * @throws HostFailure {@code INVALID} with an entry per bad field
     */
    Definition parse(Object body, boolean complete) {
        JsonArray errors = new JsonArray();
        if (!(body instanceof JsonObject json)) {
            throw HostFailure.invalidFields(new JsonArray().add(HostFailure.fieldError("body", "must be a JSON object")));
        }
        for (String field : json.fieldNames()) {
            if (!List.of("url", "secret", "eventTypes", "description", "enabled", "id").contains(field)) {
                errors.add(HostFailure.fieldError(field, "is not a sink field (url, secret, eventTypes, description, enabled)"));
            }
        }
        String url = string(json, "url", errors);
        if (url == null && complete) {
            errors.add(HostFailure.fieldError("url", "is required"));
        } else if (url != null && url.length() > MAX_URL) {
            errors.add(HostFailure.fieldError("url", "must be at most " + MAX_URL + " characters"));
        } else if (url != null) {
            String refusal = policy.refusalOfUrl(url);
            if (refusal != null) {
                errors.add(HostFailure.fieldError("url", refusal));
            }
        }
        String secret = string(json, "secret", errors);
        if (secret != null && !WebhookSigner.isValidSecret(secret)) {
            errors.add(HostFailure.fieldError("secret", "must be whsec_ followed by at least 16 base64-encoded bytes (leave it out to "
                    + "have one generated)"));
        }
        List<String> eventTypes = eventTypes(json, errors);
        if (eventTypes == null && complete) {
            eventTypes = List.of(EventTypes.ALL);
        }
        String description = string(json, "description", errors);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(HostFailure.fieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        Object enabled = json.getValue("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            errors.add(HostFailure.fieldError("enabled", "must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw HostFailure.invalidFields(errors);
        }
        return new Definition(url, secret, eventTypes, description == null && complete ? "" : description,
                (Boolean) enabled);
    }

    private static List<String> eventTypes(JsonObject json, JsonArray errors) {
        Object value = json.getValue("eventTypes");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            errors.add(HostFailure.fieldError("eventTypes", "must be a non-empty list of event types, or [\"*\"] for all"));
            return null;
        }
        List<String> types = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String type) || !(type.equals(EventTypes.ALL) || EventTypes.KNOWN.contains(type))) {
                errors.add(HostFailure.fieldError("eventTypes", "contains " + item + ", which is not one of " + EventTypes.KNOWN
                        + " or \"*\""));
                return null;
            }
            if (!types.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static String string(JsonObject json, String field, JsonArray errors) {
        Object value = json.getValue(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        errors.add(HostFailure.fieldError(field, "must be a string"));
        return null;
    }

}
