package io.assisthost.host.genesys;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * One final utterance of a live conversation, or the end of its transcript.
 *
 * @param conversationId the conversation
 * @param utteranceId    the utterance's id ({@code null} for an end event)
 * @param speaker        {@code customer}, {@code agent} or {@code unknown}
 * @param text           what was said (empty for an end event)
 * @param confidence     the recognizer's confidence, 0 to 1
 * @param offsetMs       milliseconds since the transcription started
 * @param at             when Genesys emitted it
 * @param ended          whether this marks the end of the conversation's transcript
 * @param mediaType      the conversation's media type if known, else {@code null}
 * @param queue          the conversation's queue if known, else {@code null}
 */
public record TranscriptEvent(String conversationId, String utteranceId, String speaker, String text, double confidence,
                              long offsetMs, Instant at, boolean ended, String mediaType, String queue) {

    public TranscriptEvent {
        Objects.requireNonNull(conversationId, "conversationId");
        text = text == null ? "" : text;
    }

    /** This event with the conversation's attributes known to the feed. */
    public TranscriptEvent with(String newMediaType, String newQueue) {
        return new TranscriptEvent(conversationId, utteranceId, speaker, text, confidence, offsetMs, at, ended,
                newMediaType, newQueue);
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("conversationId", conversationId)
                .put("utteranceId", utteranceId)
                .put("speaker", speaker)
                .put("text", text)
                .put("confidence", confidence)
                .put("offsetMs", offsetMs)
                .put("timestamp", at == null ? null : at.toString())
                .put("ended", ended)
                .put("mediaType", mediaType)
                .put("queue", queue);
    }
}
