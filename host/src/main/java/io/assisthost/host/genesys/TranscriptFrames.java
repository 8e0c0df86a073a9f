package io.assisthost.host.genesys;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Notifications API frames of the {@code v2.conversations.{id}.transcription} topic into
 * transcript events: final utterances only (interim ones are revised later), the most confident
 * alternative's text and confidence, {@code EXTERNAL} → customer and {@code INTERNAL} → agent, and an
 * end event when the status says {@code SESSION_ENDED}.
 *
 * <p>The frames are read as plain JSON rather than through the SDK's
 * {@code TranscriptionTopicTranscriptionMessage}, whose 198.1.0 model types the epoch-millisecond
 * fields {@code sessionStartTimeMs} and {@code transcriptionStartTimeMs} as {@code Integer} and so
 * cannot read real frames.
 */
public final class TranscriptFrames {

    private static final Pattern TOPIC = Pattern.compile("^v2\\.conversations\\.([^.]+)\\.transcription$");

    private TranscriptFrames() {
    }

    /** The topic of a conversation's transcript. */
    public static String topic(String conversationId) {
        return "v2.conversations." + conversationId + ".transcription";
    }

    /** The events of one frame; empty for frames of other topics and for heartbeats. */
    public static List<TranscriptEvent> parse(JsonObject frame) {
        Matcher topic = TOPIC.matcher(frame.getString("topicName", ""));
        JsonObject body = frame.getValue("eventBody") instanceof JsonObject object ? object : null;
        if (!topic.matches() || body == null) {
            return List.of();
        }
        String conversationId = body.getString("conversationId", topic.group(1));
        Instant at = instant(body.getValue("eventTime"));
        List<TranscriptEvent> events = new ArrayList<>();
        JsonArray transcripts = body.getValue("transcripts") instanceof JsonArray array ? array : new JsonArray();
        for (Object item : transcripts) {
            if (item instanceof JsonObject transcript && Boolean.TRUE.equals(transcript.getValue("isFinal"))) {
                JsonObject best = mostConfident(transcript.getValue("alternatives"));
                if (best != null && !best.getString("transcript", "").isBlank()) {
                    events.add(new TranscriptEvent(conversationId, transcript.getString("utteranceId"),
                            speaker(transcript.getString("channel")), best.getString("transcript").trim(),
                            unit(best.getValue("confidence")), offset(best.getValue("offsetMs")), at, false, null, null));
                }
            }
        }
        JsonObject status = body.getValue("status") instanceof JsonObject object ? object : null;
        if (status != null && "SESSION_ENDED".equals(status.getString("status"))) {
            events.add(new TranscriptEvent(conversationId, null, "unknown", "", 0, offset(status.getValue("offsetMs")),
                    at, true, null, null));
        }
        return events;
    }

    static String speaker(String channel) {
        if ("EXTERNAL".equals(channel)) {
            return "customer";
        }
        return "INTERNAL".equals(channel) ? "agent" : "unknown";
    }

    private static JsonObject mostConfident(Object alternatives) {
        JsonObject best = null;
        if (alternatives instanceof JsonArray array) {
            for (Object item : array) {
                if (item instanceof JsonObject alternative
                        && (best == null || unit(alternative.getValue("confidence")) > unit(best.getValue("confidence")))) {
                    best = alternative;
                }
            }
        }
        return best;
    }

    private static double unit(Object value) {
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
            return 0;
        }
        return Math.max(0, Math.min(1, number.doubleValue()));
    }

    private static long offset(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static Instant instant(Object value) {
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
        return value instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : null;
    }
}
