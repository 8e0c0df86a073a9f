package io.assisthost.host.sandbox;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * The event body of Genesys' {@code v2.conversations.{id}.transcription} topic
 * ({@code TranscriptionTopicTranscriptionMessage}).
 */
final class TranscriptionJson {

    static final String ORGANIZATION_ID = "7f9c3a52-0d2e-4d35-9a8e-4f0c2b1e5a10";

    private TranscriptionJson() {
    }

    static String topic(String conversationId) {
        return "v2.conversations." + conversationId + ".transcription";
    }

    /** One utterance, final or interim, of the customer ({@code EXTERNAL}) or agent ({@code INTERNAL}). */
    static JsonObject utterance(String conversationId, Instant started, Instant now, String speaker, String text,
                                double confidence, boolean isFinal, String utteranceId) {
        long offset = now.toEpochMilli() - started.toEpochMilli();
        JsonObject alternative = new JsonObject()
                .put("confidence", confidence)
                .put("offsetMs", offset)
                .put("durationMs", Math.max(400, text.split("\\s+").length * 320L))
                .put("transcript", text)
                .put("words", new JsonArray())
                .put("decoratedTranscript", text);
        JsonObject transcript = new JsonObject()
                .put("utteranceId", utteranceId)
                .put("isFinal", isFinal)
                .put("channel", "agent".equals(speaker) ? "INTERNAL" : "EXTERNAL")
                .put("alternatives", new JsonArray().add(alternative))
                .put("engineId", "genesys")
                .put("dialect", "en-US")
                .put("agentAssistEnabled", true)
                .put("voiceTranscriptionEnabled", true);
        return envelope(conversationId, started, now)
                .put("transcripts", new JsonArray().add(transcript))
                .put("status", new JsonObject().put("offsetMs", offset).put("status", "SESSION_ONGOING"));
    }

    /** The end of the transcription session. */
    static JsonObject ended(String conversationId, Instant started, Instant now) {
        long offset = now.toEpochMilli() - started.toEpochMilli();
        return envelope(conversationId, started, now)
                .put("transcripts", new JsonArray())
                .put("status", new JsonObject().put("offsetMs", offset).put("status", "SESSION_ENDED"));
    }

    private static JsonObject envelope(String conversationId, Instant started, Instant now) {
        return new JsonObject()
                .put("eventTime", now.toString())
                .put("organizationId", ORGANIZATION_ID)
                .put("conversationId", conversationId)
                .put("communicationId", UUID.nameUUIDFromBytes(conversationId.getBytes()).toString())
                .put("sessionStartTimeMs", started.toEpochMilli())
                .put("transcriptionStartTimeMs", started.toEpochMilli());
    }
}
