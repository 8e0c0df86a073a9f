package io.assisthost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assisthost.host.HostFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TranscriptRequestsTest {

    private static JsonObject event() {
        return new JsonObject().put("conversationId", "c-1").put("text", "hello").put("confidence", 0.9)
                .put("utteranceId", "u-1").put("timestamp", "2026-01-01T00:00:00Z");
    }

    @Test
    void readsAnEventWithItsOptionalIds() {
        assertThat(TranscriptRequests.read(event()).conversationId()).isEqualTo("c-1");
    }

    @Test
    void refusesAnUtteranceIdThatIsNoString() {
        assertInvalid(event().put("utteranceId", 42), "utteranceId");
    }

    @Test
    void refusesATimestampThatIsNoInstant() {
        assertInvalid(event().put("timestamp", 42), "timestamp");
        assertInvalid(event().put("timestamp", "yesterday"), "timestamp");
    }

    @Test
    void refusesHugeSkillIds() {
        assertInvalid(event().put("skillIds", new JsonArray().add("s".repeat(201))), "skillIds");
    }

    private static void assertInvalid(JsonObject body, String field) {
        assertThatThrownBy(() -> TranscriptRequests.read(body)).isInstanceOfSatisfying(HostFailure.class, failure -> {
            assertThat(failure.code()).isEqualTo(HostFailure.Code.INVALID);
            assertThat(failure.errors().getJsonObject(0).getString("field")).isEqualTo(field);
        });
    }
}
