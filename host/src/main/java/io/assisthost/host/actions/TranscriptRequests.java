package io.assisthost.host.actions;

import io.assisthost.host.HostFailure;
import io.assisthost.host.genesys.TranscriptEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads transcript events from the API and the bus,
 * {@code {conversationId, text, confidence, speaker, mediaType, queueId, skillIds}}, into utterances,
 * with one error per bad field.
 */
public final class TranscriptRequests {

    static final int MAX_TEXT = 10_000;
    private static final Set<String> FIELDS = Set.of("conversationId", "text", "confidence", "speaker", "mediaType",
            "queueId", "skillIds", "utteranceId", "timestamp");

    private TranscriptRequests() {
    }

    public static Utterance read(Object body) {
        if (!(body instanceof JsonObject json)) {
            throw HostFailure.invalidFields(new JsonArray().add(HostFailure.fieldError("body",
                    "must be a JSON object {conversationId, text, confidence, speaker, mediaType, queueId, skillIds}")));
        }
        JsonArray errors = new JsonArray();
        json.fieldNames().stream().filter(name -> !FIELDS.contains(name)).sorted()
                .forEach(name -> errors.add(HostFailure.fieldError(name, "is not a known field")));
        String conversationId = text(json, "conversationId", true, 200, errors);
        String text = json.getValue("text") instanceof String value && value.length() <= MAX_TEXT ? value : null;
        if (text == null) {
            errors.add(HostFailure.fieldError("text", "is required: a string of at most " + MAX_TEXT + " characters"));
        }
        double confidence = 0;
        if (json.getValue("confidence") instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() <= 1) {
            confidence = number.doubleValue();
        } else {
            errors.add(HostFailure.fieldError("confidence", "is required: the recognizer's confidence from 0 to 1"));
        }
        String speaker = text(json, "speaker", false, 50, errors);
        String mediaType = text(json, "mediaType", false, 50, errors);
        String queueId = text(json, "queueId", false, 200, errors);
        List<String> skills = skills(json.getValue("skillIds"), errors);
        text(json, "utteranceId", false, 200, errors);
        timestamp(json.getValue("timestamp"), errors);
        if (!errors.isEmpty()) {
            throw HostFailure.invalidFields(errors);
        }
        return new Utterance(conversationId, text, confidence, speaker, mediaType, queueId, skills);
    }

    /** An utterance from the Genesys notifications feed; end-of-transcript events have none. */
    public static Utterance of(TranscriptEvent event) {
        return new Utterance(event.conversationId(), event.text(), event.confidence(), event.speaker(), event.mediaType(),
                event.queue(), List.of());
    }

    private static List<String> skills(Object value, JsonArray errors) {
        if (value == null) {
            return List.of();
        }
        List<String> skills = new ArrayList<>();
        if (value instanceof JsonArray array && array.size() <= 100) {
            for (Object item : array) {
                if (item instanceof String skill && !skill.isBlank() && skill.length() <= 200) {
                    skills.add(skill);
                } else {
                    errors.add(HostFailure.fieldError("skillIds", "must be an array of at most 100 skill ids of at most 200 characters"));
                    return List.of();
                }
            }
            return skills;
        }
        errors.add(HostFailure.fieldError("skillIds", "must be an array of at most 100 skill ids of at most 200 characters"));
        return List.of();
    }

    /** The utterance's time is not used, but a client that sends one gets told when it is not an instant. */
    private static void timestamp(Object value, JsonArray errors) {
        if (value == null) {
            return;
        }
        if (value instanceof String text && text.length() <= 64) {
            try {
                Instant.parse(text);
                return;
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        errors.add(HostFailure.fieldError("timestamp", "must be an ISO-8601 instant such as 2026-11-21T10:15:30.120Z"));
    }

    private static String text(JsonObject json, String field, boolean required, int max, JsonArray errors) {
        Object value = json.getValue(field);
        if (value == null && !required) {
            return null;
        }
        if (value instanceof String text && !text.isBlank() && text.length() <= max) {
            return text;
        }
        errors.add(HostFailure.fieldError(field, (required ? "is required: " : "must be ") + "a non-blank string of at most "
                + max + " characters"));
        return null;
    }
}
