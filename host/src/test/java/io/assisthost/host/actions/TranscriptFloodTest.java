package io.assisthost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.MutableClock;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A conversation flooding transcripts is throttled, over HTTP and the bus, without touching the others. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TranscriptFloodTest {

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        host = TestHosts.deploy(vertx, home, new JsonObject().put("actions", new JsonObject()
                .put("transcriptRatePerSecond", 2).put("transcriptBurst", 3)), clock);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void throttlesTheFloodingConversationOnly() {
        for (int i = 0; i < 3; i++) {
            assertThat(send("c-flood").statusCode()).isEqualTo(200);
        }

        HttpResponse<Buffer> refused = send("c-flood");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        JsonObject problem = refused.bodyAsJsonObject();
        assertThat(problem.getInteger("status")).isEqualTo(429);
        assertThat(problem.getString("title")).isEqualTo("Too Many Requests");
        assertThat(problem.getString("detail")).contains("c-flood");
        assertThat(send("c-calm").statusCode()).as("another conversation").isEqualTo(200);
    }

    @Test
    void throttlesOnTheBusWithCode429() {
        for (int i = 0; i < 3; i++) {
            vertx.eventBus().request(Actions.TRANSCRIPTS_ADDRESS, transcript("c-flood")).await();
        }

        assertThatThrownBy(() -> vertx.eventBus().request(Actions.TRANSCRIPTS_ADDRESS, transcript("c-flood")).await())
                .isInstanceOfSatisfying(ReplyException.class, failure -> {
                    assertThat(failure.failureCode()).isEqualTo(429);
                    assertThat(failure.getMessage()).contains("c-flood");
                });
        assertThat(send("c-flood").statusCode()).as("the API and the bus share the budget").isEqualTo(429);
    }

    @Test
    void admitsAgainOnceTheBucketRefills() {
        for (int i = 0; i < 3; i++) {
            send("c-flood");
        }
        assertThat(send("c-flood").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofMillis(500));

        assertThat(send("c-flood").statusCode()).isEqualTo(200);
        assertThat(send("c-flood").statusCode()).isEqualTo(429);
    }

    @Test
    void invalidEventsDoNotSpendTheBudget() {
        for (int i = 0; i < 5; i++) {
            assertThat(TestHosts.call(client, host, HttpMethod.POST, "/api/v1/transcripts",
                    transcript("c-flood").put("confidence", 2)).statusCode()).isEqualTo(400);
        }

        assertThat(send("c-flood").statusCode()).isEqualTo(200);
    }

    private HttpResponse<Buffer> send(String conversationId) {
        return TestHosts.call(client, host, HttpMethod.POST, "/api/v1/transcripts", transcript(conversationId));
    }

    private static JsonObject transcript(String conversationId) {
        return new JsonObject().put("conversationId", conversationId).put("text", "hello there").put("confidence", 0.9)
                .put("speaker", "customer");
    }
}
