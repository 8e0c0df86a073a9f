package io.assisthost.host.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptFramesTest {

    private static final String CONVERSATION = "5d1c1f0e-6a51-4c0f-9f3e-2b7d9a8e4c11";

    private static JsonObject transcript(String utteranceId, boolean isFinal, String channel, JsonArray alternatives) {
        return new JsonObject().put("utteranceId", utteranceId).put("isFinal", isFinal).put("channel", channel)
                .put("alternatives", alternatives);
    }

    private static JsonObject alternative(String text, double confidence) {
        return new JsonObject().put("transcript", text).put("confidence", confidence).put("offsetMs", 1200);
    }

    private static JsonObject frame(JsonArray transcripts, String status) {
        return new JsonObject()
                .put("topicName", TranscriptFrames.topic(CONVERSATION))
                .put("version", "2")
                .put("eventBody", new JsonObject()
                        .put("eventTime", "2026-01-01T10:00:00.000Z")
                        .put("conversationId", CONVERSATION)
                        .put("sessionStartTimeMs", 1767261600000L)
                        .put("transcripts", transcripts)
                        .put("status", new JsonObject().put("offsetMs", 5000).put("status", status)));
    }

    @Test
    void keepsFinalUtterancesWithTheMostConfidentAlternativeAndMapsChannelsToSpeakers() {
        List<TranscriptEvent> events = TranscriptFrames.parse(frame(new JsonArray()
                .add(transcript("u1", false, "EXTERNAL", new JsonArray().add(alternative("I want a", 0.6))))
                .add(transcript("u2", true, "EXTERNAL", new JsonArray()
                        .add(alternative("I want a refund", 0.71)).add(alternative("I want a refund please", 0.93))))
                .add(transcript("u3", true, "INTERNAL", new JsonArray().add(alternative("Let me check that", 0.88)))),
                "SESSION_ONGOING"));
        assertThat(events).hasSize(2);
        TranscriptEvent customer = events.get(0);
        assertThat(customer.speaker()).isEqualTo("customer");
        assertThat(customer.text()).isEqualTo("I want a refund please");
        assertThat(customer.confidence()).isEqualTo(0.93);
        assertThat(customer.utteranceId()).isEqualTo("u2");
        assertThat(customer.offsetMs()).isEqualTo(1200);
        assertThat(customer.conversationId()).isEqualTo(CONVERSATION);
        assertThat(customer.at()).hasToString("2026-01-01T10:00:00Z");
        assertThat(events.get(1).speaker()).isEqualTo("agent");
        assertThat(events).noneMatch(TranscriptEvent::ended);
    }

    @Test
    void sessionEndedMarksTheEndOfTheConversation() {
        List<TranscriptEvent> events = TranscriptFrames.parse(frame(new JsonArray(), "SESSION_ENDED"));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.ended()).isTrue();
            assertThat(event.offsetMs()).isEqualTo(5000);
        });
    }

    @Test
    void ignoresOtherTopicsHeartbeatsAndMalformedParts() {
        assertThat(TranscriptFrames.parse(new JsonObject().put("topicName", "channel.metadata")
                .put("eventBody", new JsonObject().put("message", "WebSocket Heartbeat")))).isEmpty();
        assertThat(TranscriptFrames.parse(new JsonObject().put("topicName", TranscriptFrames.topic(CONVERSATION))
                .put("eventBody", "not an object"))).isEmpty();
        List<TranscriptEvent> events = TranscriptFrames.parse(frame(new JsonArray()
                .add(transcript("u1", true, "BOTH", new JsonArray().add(alternative("  spaced  ", 7.5))))
                .add(transcript("u2", true, "EXTERNAL", new JsonArray().add(alternative(" ", 0.9))))
                .add("not a transcript"), "SESSION_ONGOING"));
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.speaker()).isEqualTo("unknown");
            assertThat(event.text()).isEqualTo("spaced");
            assertThat(event.confidence()).isEqualTo(1.0);
        });
    }
}
