package io.assisthost.host.recommend;

import io.assisthost.host.HostFailure;
import io.assisthost.host.config.RecommendOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Set;

/**
 * Reads subscription bodies ({@code {"pollIntervalMs", "context"}}, the context being a
 * recommendation request) into stored definitions, and definitions back into requests.
 */
final class SubscriptionRequests {

    private static final Set<String> FIELDS = Set.of("pollIntervalMs", "context");
    private static final long MAX_POLL_INTERVAL_MS = 3_600_000;

    private final RecommendRequests requests;
    private final RecommendOptions options;

    SubscriptionRequests(RecommendRequests requests, RecommendOptions options) {
        this.requests = requests;
        this.options = options;
    }

    JsonObject definition(String conversationId, Object body, Instant now) {
        JsonObject json = body == null ? new JsonObject() : body instanceof JsonObject object ? object : null;
        if (json == null) {
            throw HostFailure.invalidFields(new JsonArray().add(HostFailure.fieldError("body", "must be a JSON object")));
        }
        JsonArray problems = new JsonArray();
        json.fieldNames().stream().filter(name -> !FIELDS.contains(name)).sorted()
                .forEach(name -> problems.add(HostFailure.fieldError(name, "is not a known field")));
        long interval = options.defaultPollInterval().toMillis();
        Object value = json.getValue("pollIntervalMs");
        if (value != null) {
            long min = options.minPollInterval().toMillis();
            if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                    || number.doubleValue() < min || number.doubleValue() > MAX_POLL_INTERVAL_MS) {
                problems.add(HostFailure.fieldError("pollIntervalMs", "must be a whole number from " + min + " to "
                        + MAX_POLL_INTERVAL_MS));
            } else {
                interval = number.longValue();
            }
        }
        Object context = json.getValue("context");
        JsonObject request = context == null ? new JsonObject() : context instanceof JsonObject object ? object.copy() : null;
        if (request == null) {
            problems.add(HostFailure.fieldError("context", "must be an object with the fields of a recommendation request"));
        } else if (request.getValue("conversationId") != null && !conversationId.equals(request.getValue("conversationId"))) {
            problems.add(HostFailure.fieldError("context.conversationId", "must equal the interaction id of the path"));
        }
        if (!problems.isEmpty()) {
            throw HostFailure.invalidFields(problems);
        }
        request.put("conversationId", conversationId);
        RecommendRequest parsed = prefixed(request);
        return new JsonObject()
                .put("conversationId", conversationId)
                .put("pollIntervalMs", interval)
                .put("context", parsed.toJson())
                .put("createdAt", now.toString())
                .put("expiresAt", now.plus(options.subscriptionTtl()).toString());
    }

    RecommendRequest request(JsonObject definition) {
        return requests.parse(definition.getJsonObject("context"));
    }

    private RecommendRequest prefixed(JsonObject request) {
        try {
            return requests.parse(request);
        } catch (HostFailure invalid) {
            JsonArray problems = new JsonArray();
            invalid.errors().forEach(error -> {
                JsonObject entry = (JsonObject) error;
                problems.add(HostFailure.fieldError("context." + entry.getString("field"), entry.getString("message")));
            });
            throw HostFailure.invalidFields(problems);
        }
    }
}
