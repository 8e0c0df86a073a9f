package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.MutableClock;
import io.assisthost.host.testing.TestHosts;
import io.assisthost.host.testing.WebhookReceiver;
import io.assisthost.host.testing.WebhookReceiver.Answer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Delivery through the outbox, the real http-webhook plugin and real HTTP to a local receiver. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebhookDeliveryTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String NEW_SECRET = "whsec_dGhlIG5ldyBzZWNyZXQgb2YgdGhlIHNpbms=";

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private WebhookReceiver receiver;
    private HostVerticle host;

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        receiver = new WebhookReceiver().start(vertx);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private void deploy(Clock clock, JsonObject webhooks) {
        JsonObject settings = new JsonObject().put("allowHosts", new JsonArray().add("127.0.0.1"))
                .put("initialBackoffMs", 20).put("maxBackoffMs", 100).put("pollIntervalMs", 50).mergeIn(webhooks);
        host = TestHosts.deploy(vertx, home, new JsonObject().put("webhooks", settings), clock);
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) {
        return TestHosts.call(client, host, method, path, body);
    }

    private String createSink(JsonObject body) {
        HttpResponse<Buffer> created = call(HttpMethod.POST, "/api/v1/webhooks", body);
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return created.bodyAsJsonObject().getString("id");
    }

    private String publish(String type, String conversationId, int n) {
        Outbox.Stored stored = host.webhooks().outbox().publish(new WebhookEvent(type, conversationId,
                new JsonObject().put("n", n))).await();
        return stored.id();
    }

    private JsonArray deliveries(String sinkId) {
        return call(HttpMethod.GET, "/api/v1/webhooks/" + sinkId + "/deliveries", null).bodyAsJsonObject()
                .getJsonArray("deliveries");
    }

    @Test
    void deliversEachRecommendationSignedAsTheSpecificationSays() {
        deploy(Clock.systemUTC(), new JsonObject());
        createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET)
                .put("eventTypes", new JsonArray().add(EventTypes.RECOMMENDATIONS_DELIVERED)));

        HttpResponse<Buffer> answered = call(HttpMethod.POST, "/api/v1/recommendations", new JsonObject()
                .put("conversationId", "conv-signed").put("query", "refund for a late delivery").put("maxResults", 8));
        assertThat(answered.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.accepted().isEmpty());
        WebhookReceiver.Received delivery = receiver.accepted().get(0);
        assertThat(delivery.signedWith(SECRET)).isTrue();
        assertThat(delivery.signedWith(NEW_SECRET)).isFalse();
        assertThat(delivery.id()).startsWith("msg_");
        assertThat(Long.parseLong(delivery.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        JsonObject payload = delivery.json();
        assertThat(payload.getString("type")).isEqualTo(EventTypes.RECOMMENDATIONS_DELIVERED);
        assertThat(payload.getString("conversationId")).isEqualTo("conv-signed");
        assertThat(Instant.parse(payload.getString("timestamp"))).isNotNull();
        assertThat(payload.getString("etag")).isEqualTo(answered.bodyAsJsonObject().getString("etag"));
        JsonArray items = answered.bodyAsJsonObject().getJsonArray("items");
        JsonArray content = payload.getJsonArray("content");
        assertThat(content.size()).isEqualTo(Math.min(5, items.size()));
        assertThat(content.getJsonObject(0).getString("id")).isEqualTo(items.getJsonObject(0).getString("documentId"));
        assertThat(payload.getJsonObject("audit").getInteger("count")).isEqualTo(items.size());
        assertThat(payload.getJsonObject("audit").getString("knowledgeBaseId")).isNotBlank();
    }

    @Test
    void aTamperedBodyOrAnotherSecretDoesNotVerify() {
        deploy(Clock.systemUTC(), new JsonObject());
        createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET));
        publish(EventTypes.ACTION_TRIGGERED, "conv-1", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.accepted().isEmpty());
        WebhookReceiver.Received delivery = receiver.accepted().get(0);
        assertThat(WebhookReceiver.verify(SECRET, delivery.id(), delivery.timestamp(), delivery.body() + " ",
                delivery.signature())).isFalse();
        assertThat(WebhookReceiver.verify(SECRET, delivery.id(), String.valueOf(Long.parseLong(delivery.timestamp()) + 1),
                delivery.body(), delivery.signature())).isFalse();
        assertThat(delivery.signedWith(SECRET)).isTrue();
    }

    @Test
    void keepsEachConversationsOrderWhileFirstAttemptsFail() {
        deploy(Clock.systemUTC(), new JsonObject().put("breaker", new JsonObject().put("maxFailures", 1000)));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        receiver.answer(request -> seen.add(request.id()) ? Answer.of(503) : Answer.of(200));
        String sink = createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET));

        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            a.add(publish(EventTypes.ACTION_TRIGGERED, "conv-a", n));
            b.add(publish(EventTypes.ACTION_RENDERED, "conv-b", n));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 12);
        List<String> acceptedA = receiver.accepted().stream().map(WebhookReceiver.Received::id).filter(a::contains).toList();
        List<String> acceptedB = receiver.accepted().stream().map(WebhookReceiver.Received::id).filter(b::contains).toList();
        assertThat(acceptedA).containsExactlyElementsOf(a);
        assertThat(acceptedB).containsExactlyElementsOf(b);
        // Every event's first attempt failed, and no later event of its conversation went out before its retry.
        List<String> all = receiver.received().stream().map(WebhookReceiver.Received::id).toList();
        for (List<String> conversation : List.of(a, b)) {
            for (int i = 1; i < conversation.size(); i++) {
                int retryOfPrevious = all.lastIndexOf(conversation.get(i - 1));
                assertThat(all.indexOf(conversation.get(i))).isGreaterThan(retryOfPrevious);
            }
        }
        assertThat(receiver.received()).hasSize(24);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = call(HttpMethod.GET, "/api/v1/webhooks/" + sink + "/deliveries?limit=5"
                    + (cursor == null ? "" : "&cursor=" + cursor), null).bodyAsJsonObject();
            assertThat(page.getJsonArray("deliveries").size()).isLessThanOrEqualTo(5);
            page.getJsonArray("deliveries").stream().map(JsonObject.class::cast).forEach(d -> {
                assertThat(d.getString("state")).isEqualTo("delivered");
                assertThat(d.getInteger("attempts")).isEqualTo(2);
                paged.add(d.getString("eventId"));
            });
            cursor = page.getString("next");
        } while (cursor != null);
        List<String> newestFirst = new ArrayList<>();
        for (int n = 5; n >= 0; n--) {
            newestFirst.add(b.get(n));
            newestFirst.add(a.get(n));
        }
        assertThat(paged).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void retriesOnTheBackoffScheduleOfTheClockAndHonoursRetryAfter() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        deploy(clock, new JsonObject().put("initialBackoffMs", 10_000).put("maxBackoffMs", 600_000).put("maxAttempts", 3));
        List<Answer> answers = new ArrayList<>(List.of(Answer.of(503), new Answer(429, "120"), Answer.of(503)));
        receiver.answer(request -> answers.remove(0));
        String sink = createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET));
        publish(EventTypes.ACTION_ACCEPTED, "conv-clock", 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(sink).getJsonObject(0).getInteger("attempts") == 1);
        Instant first = Instant.parse(deliveries(sink).getJsonObject(0).getString("nextAttemptAt"));
        assertThat(first).isBetween(clock.instant().plusSeconds(5), clock.instant().plusSeconds(10));

        clock.advance(Duration.between(clock.instant(), first));
        host.webhooks().dispatcher().wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(sink).getJsonObject(0).getInteger("attempts") == 2);
        JsonObject second = deliveries(sink).getJsonObject(0);
        assertThat(second.getInteger("lastStatus")).isEqualTo(429);
        // The second backoff is at most 20 s; the receiver asked for 120.
        assertThat(Instant.parse(second.getString("nextAttemptAt"))).isEqualTo(clock.instant().plusSeconds(120));

        clock.advance(Duration.ofSeconds(120));
        host.webhooks().dispatcher().wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(sink).getJsonObject(0).getString("state").equals("dead"));
        JsonObject dead = deliveries(sink).getJsonObject(0);
        assertThat(dead.getInteger("attempts")).isEqualTo(3);
        assertThat(dead.getJsonArray("history").stream().map(JsonObject.class::cast).map(h -> h.getInteger("httpStatus")))
                .containsExactly(503, 429, 503);
        assertThat(receiver.received()).hasSize(3);
    }

    @Test
    void a410DisablesTheSinkAndKeepsItsEventsForWhenItIsEnabledAgain() {
        deploy(Clock.systemUTC(), new JsonObject());
        receiver.answer(request -> Answer.of(410));
        String sink = createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET));
        publish(EventTypes.ACTION_DISMISSED, "conv-gone", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null)
                .bodyAsJsonObject().getBoolean("enabled"));
        JsonObject disabled = call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null).bodyAsJsonObject();
        assertThat(disabled.getString("disabledReason")).contains("410");
        assertThat(disabled.getJsonObject("deliveries").getLong("pending")).isEqualTo(1);
        publish(EventTypes.ACTION_DISMISSED, "conv-gone", 2);
        assertThat(receiver.received()).hasSize(1);

        receiver.answer(request -> Answer.of(200));
        HttpResponse<Buffer> enabled = call(HttpMethod.PUT, "/api/v1/webhooks/" + sink, new JsonObject().put("enabled", true));
        assertThat(enabled.statusCode()).as(enabled.bodyAsString()).isEqualTo(200);
        host.webhooks().dispatcher().wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 1);
        assertThat(receiver.accepted().get(0).json().getInteger("n")).isEqualTo(1);
    }

    @Test
    void deadLettersAreReplayedOnRequest() {
        deploy(Clock.systemUTC(), new JsonObject());
        receiver.answer(request -> Answer.of(400));
        String sink = createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET));
        String event = publish(EventTypes.ACTION_TRIGGERED, "conv-dead", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> call(HttpMethod.GET, "/api/v1/webhooks/" + sink
                + "/deliveries?state=dead", null).bodyAsJsonObject().getJsonArray("deliveries").size() == 1);

        receiver.answer(request -> Answer.of(200));
        HttpResponse<Buffer> replay = call(HttpMethod.POST, "/api/v1/webhooks/" + sink + "/replay",
                new JsonObject().put("deadLetters", true));
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(replay.bodyAsJsonObject().getInteger("replayed")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 1);
        assertThat(receiver.accepted().get(0).id()).isEqualTo(event);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(sink).getJsonObject(0).getString("state")
                .equals("delivered"));
        JsonObject delivered = deliveries(sink).getJsonObject(0);
        assertThat(delivered.getJsonArray("history").stream().map(JsonObject.class::cast).map(h -> h.getString("outcome")))
                .containsExactly("GIVE_UP", "DELIVERED");
        assertThat(delivered.getJsonArray("history").getJsonObject(1).getLong("latencyMs")).isNotNegative();
    }

    @Test
    void aTimeRangeReplaySendsEarlierEventsAgainAndToSinksCreatedLater() {
        deploy(Clock.systemUTC(), new JsonObject());
        Instant from = Instant.now().minusSeconds(1);
        String first = publish(EventTypes.ACTION_TRIGGERED, "conv-range", 1);
        String sink = createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET));
        assertThat(deliveries(sink)).isEmpty();
        HttpResponse<Buffer> replay = call(HttpMethod.POST, "/api/v1/webhooks/" + sink + "/replay",
                new JsonObject().put("from", from.toString()).put("to", Instant.now().plusSeconds(1).toString()));
        assertThat(replay.bodyAsJsonObject().getInteger("replayed")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 1);
        assertThat(receiver.accepted().get(0).id()).isEqualTo(first);
    }

    @Test
    void aRotatedSecretSignsNextToTheNewOneUntilTheRotationEnds() {
        MutableClock clock = new MutableClock(Instant.now());
        deploy(clock, new JsonObject().put("secretRotationMs", 3_600_000));
        String sink = createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET));
        HttpResponse<Buffer> rotated = call(HttpMethod.PUT, "/api/v1/webhooks/" + sink, new JsonObject().put("secret", NEW_SECRET));
        assertThat(rotated.bodyAsJsonObject().getBoolean("secretRotating")).isTrue();
        assertThat(rotated.bodyAsString()).doesNotContain(SECRET).doesNotContain(NEW_SECRET);
        publish(EventTypes.ACTION_TRIGGERED, "conv-rotate", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 1);
        WebhookReceiver.Received during = receiver.accepted().get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(during.signedWith(NEW_SECRET)).isTrue();
        assertThat(during.signedWith(SECRET)).isTrue();

        clock.advance(Duration.ofMinutes(61));
        assertThat(call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null).bodyAsJsonObject().getBoolean("secretRotating"))
                .isFalse();
        publish(EventTypes.ACTION_TRIGGERED, "conv-rotate", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 2);
        WebhookReceiver.Received after = receiver.accepted().get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(after.signedWith(NEW_SECRET)).isTrue();
        assertThat(after.signedWith(SECRET)).isFalse();
    }

    @Test
    void aSinkOnlyReceivesTheTypesItSubscribedTo() {
        deploy(Clock.systemUTC(), new JsonObject());
        createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET)
                .put("eventTypes", new JsonArray().add(EventTypes.ACTION_ACCEPTED)));
        publish(EventTypes.ACTION_TRIGGERED, "conv-types", 1);
        String accepted = publish(EventTypes.ACTION_ACCEPTED, "conv-types", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 1);
        assertThat(receiver.accepted()).extracting(WebhookReceiver.Received::id).containsExactly(accepted);
    }

    @Test
    void anOpenBreakerHoldsASinksDeliveriesWithoutSpendingAttempts() {
        deploy(Clock.systemUTC(), new JsonObject().put("maxInFlight", 1)
                .put("breaker", new JsonObject().put("maxFailures", 2).put("resetTimeoutMs", 60_000)));
        receiver.answer(request -> Answer.of(503));
        String sink = createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET));
        for (int n = 0; n < 5; n++) {
            publish(EventTypes.ACTION_TRIGGERED, "conv-breaker-" + n, n);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(sink).stream().map(JsonObject.class::cast)
                .filter(d -> d.getInteger("attempts") == 0 && d.getString("lastDetail") != null).count() == 3);
        assertThat(call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null).bodyAsJsonObject().getString("breaker"))
                .isEqualTo("OPEN");
        assertThat(receiver.received()).hasSize(2);
        assertThat(deliveries(sink).stream().map(JsonObject.class::cast).filter(d -> d.getInteger("attempts") == 0))
                .allSatisfy(d -> assertThat(d.getString("lastDetail")).contains("breaker is open"));
    }

    @Test
    void busRequestsAndSubscriptionChangesAreDeliveredToo() {
        deploy(Clock.systemUTC(), new JsonObject());
        createSink(new JsonObject().put("url", receiver.url()).put("secret", SECRET));
        JsonObject reply = (JsonObject) vertx.eventBus().request("assist.recommend", new JsonObject()
                .put("conversationId", "conv-bus").put("query", "refund for a late delivery")).await().body();
        HttpResponse<Buffer> subscribed = call(HttpMethod.PUT, "/api/v1/interactions/conv-sub/subscription", new JsonObject()
                .put("pollIntervalMs", 60_000).put("context", new JsonObject().put("query", "reset my password")));
        assertThat(subscribed.statusCode()).as(subscribed.bodyAsString()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().stream()
                .anyMatch(r -> r.json().getString("type").equals(EventTypes.RECOMMENDATIONS_UPDATED)));
        JsonObject delivered = receiver.accepted().stream().map(WebhookReceiver.Received::json)
                .filter(e -> e.getString("conversationId").equals("conv-bus")).findFirst().orElseThrow();
        assertThat(delivered.getString("type")).isEqualTo(EventTypes.RECOMMENDATIONS_DELIVERED);
        assertThat(delivered.getString("etag")).isEqualTo(reply.getString("etag"));
        JsonObject updated = receiver.accepted().stream().map(WebhookReceiver.Received::json)
                .filter(e -> e.getString("type").equals(EventTypes.RECOMMENDATIONS_UPDATED)).findFirst().orElseThrow();
        assertThat(updated.getString("conversationId")).isEqualTo("conv-sub");
        assertThat(updated.containsKey("previousEtag")).isTrue();
        assertThat(updated.getJsonArray("content")).isNotEmpty();
        // Subscription polls are not "delivered" events: only requests are.
        assertThat(receiver.accepted().stream().map(WebhookReceiver.Received::json)
                .filter(e -> e.getString("conversationId").equals("conv-sub"))).hasSize(1);
    }
}
