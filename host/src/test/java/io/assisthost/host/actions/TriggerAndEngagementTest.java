package io.assisthost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.MutableClock;
import io.assisthost.host.testing.TestActions;
import io.assisthost.host.testing.TestHosts;
import io.assisthost.host.testing.WebhookReceiver;
import io.assisthost.host.webhooks.EventTypes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts in, cards out; engagement recorded, measured, exported and reported. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TriggerAndEngagementTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;
    private WebhookReceiver receiver;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        receiver = new WebhookReceiver().start(vertx);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        host = TestHosts.deploy(vertx, home, new JsonObject()
                .put("actions", new JsonObject().put("triggerWindowMs", 60_000))
                .put("webhooks", new JsonObject().put("allowHosts", new JsonArray().add("127.0.0.1"))
                        .put("pollIntervalMs", 50)), clock);
        JsonObject refunds = TestActions.definition("refunds", "1.0.0", "refund", "money back");
        refunds.getJsonObject("trigger").put("minConfidence", 0.8).put("queueIds", new JsonArray().add("billing"))
                .put("mediaTypes", new JsonArray().add("voice"));
        create(refunds);
        JsonObject locked = TestActions.definition("locked", "2.0.0", "locked out", "reset my password");
        locked.getJsonObject("trigger").put("match", "all").put("speaker", "any");
        create(locked);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private void create(JsonObject definition) {
        assertThat(call(HttpMethod.POST, "/api/v1/actions", definition).statusCode()).isEqualTo(201);
        assertThat(call(HttpMethod.POST, "/api/v1/actions/" + definition.getString("name") + "/deploy",
                new JsonObject().put("version", definition.getString("version"))).statusCode()).isEqualTo(200);
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) {
        return TestHosts.call(client, host, method, path, body);
    }

    private static JsonObject utterance(String conversationId, String text) {
        return new JsonObject().put("conversationId", conversationId).put("text", text).put("confidence", 0.9)
                .put("speaker", "customer").put("mediaType", "Voice").put("queueId", "billing");
    }

    private JsonArray triggered(JsonObject utterance) {
        HttpResponse<Buffer> answer = call(HttpMethod.POST, "/api/v1/transcripts", utterance);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject().getJsonArray("triggered");
    }

    private static List<String> actions(JsonArray cards) {
        return cards.stream().map(JsonObject.class::cast).map(card -> card.getString("action")).toList();
    }

    @Test
    void aMatchingUtteranceTriggersTheCardOncePerWindow() {
        JsonArray cards = triggered(utterance("conv-1", "Hi, I would like my MONEY back, a Réfund!"));
        assertThat(actions(cards)).containsExactly("refunds");
        JsonObject card = cards.getJsonObject(0);
        assertThat(card.getString("version")).isEqualTo("1.0.0");
        assertThat(card.getString("group")).isEqualTo("control");
        assertThat(card.getJsonArray("matched")).containsExactlyInAnyOrder("refund", "money back");
        assertThat(card.getString("triggerId")).isNotBlank();
        assertThat(card.getJsonObject("card").getString("html")).contains("Version 1.0.0");
        assertThat(card.getJsonObject("card").getJsonObject("ui").getString("size")).isEqualTo("small");
        assertThat(card.getJsonObject("card").getString("csp")).contains("default-src 'none'");

        HttpResponse<Buffer> again = call(HttpMethod.POST, "/api/v1/transcripts", utterance("conv-1", "refund please"));
        assertThat(again.bodyAsJsonObject().getJsonArray("triggered")).isEmpty();
        assertThat(again.bodyAsJsonObject().getJsonArray("suppressed").getJsonObject(0).getString("action"))
                .isEqualTo("refunds");
        assertThat(actions(triggered(utterance("conv-2", "refund please")))).containsExactly("refunds");

        clock.advance(Duration.ofSeconds(61));
        assertThat(actions(triggered(utterance("conv-1", "refund please")))).containsExactly("refunds");
    }

    @Test
    void wholeWordsOnlyAndEveryCondition() {
        assertThat(triggered(utterance("c-words", "my refunds are late"))).isEmpty();
        assertThat(triggered(utterance("c-confidence", "refund").put("confidence", 0.79))).isEmpty();
        assertThat(triggered(utterance("c-speaker", "refund").put("speaker", "agent"))).isEmpty();
        assertThat(triggered(utterance("c-queue", "refund").put("queueId", "returns"))).isEmpty();
        assertThat(triggered(utterance("c-no-queue", "refund").putNull("queueId"))).isEmpty();
        assertThat(triggered(utterance("c-media", "refund").put("mediaType", "chat"))).isEmpty();
        assertThat(triggered(utterance("c-all", "I am locked out"))).isEmpty();
        assertThat(actions(triggered(utterance("c-all", "locked out, so reset my password").put("speaker", "agent"))))
                .containsExactly("locked");
        assertThat(actions(triggered(utterance("c-both", "refund, I'm locked out and need to reset my password"))))
                .containsExactlyInAnyOrder("refunds", "locked");
    }

    @Test
    void liveTranscriptsFromGenesysTriggerToo() {
        JsonObject late = TestActions.definition("late-delivery", "1.0.0", "arrived a week late");
        late.getJsonObject("trigger").put("mediaTypes", new JsonArray().add("voice"));
        create(late);
        JsonObject password = TestActions.definition("password", "1.0.0", "forgot my password");
        create(password);
        List<JsonObject> published = new CopyOnWriteArrayList<>();
        vertx.eventBus().<JsonObject>consumer(TriggerEngine.TRIGGERED_ADDRESS, message -> published.add(message.body()))
                .completion().await();

        // The seed's first script: a customer on a voice call says "my delivery arrived a week late" (0.92).
        String billing = host.emulator().play(host.emulator().generator().scripts().get(0)).await();
        // The second: "I forgot my password" heard with confidence 0.61, under the default 0.75.
        String chat = host.emulator().play(host.emulator().generator().scripts().get(1)).await();

        await().atMost(Duration.ofSeconds(10)).until(() -> !published.isEmpty());
        assertThat(published.get(0).getString("conversationId")).isEqualTo(billing);
        assertThat(published.get(0).getString("action")).isEqualTo("late-delivery");
        JsonArray audit = call(HttpMethod.GET, "/api/v1/audit?kind=trigger&interaction=" + billing, null)
                .bodyAsJsonObject().getJsonArray("entries");
        assertThat(audit.getJsonObject(0).getString("actor")).isEqualTo("genesys");
        await().atMost(Duration.ofSeconds(10)).until(() -> host.genesys().feed().followed() == 0);
        assertThat(published).noneMatch(card -> card.getString("conversationId").equals(chat));
    }

    @Test
    void badTranscriptsNameTheirFields() {
        HttpResponse<Buffer> refused = call(HttpMethod.POST, "/api/v1/transcripts", new JsonObject()
                .put("text", 5).put("confidence", 1.5).put("skillIds", "x").put("mood", "angry"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
                .map(e -> e.getString("field"))).containsExactlyInAnyOrder("mood", "conversationId", "text", "confidence",
                "skillIds");
    }

    @Test
    void theBusTakesTranscriptsAndPublishesCards() {
        List<JsonObject> published = new CopyOnWriteArrayList<>();
        vertx.eventBus().<JsonObject>consumer(TriggerEngine.TRIGGERED_ADDRESS, message -> published.add(message.body()))
                .completion().await();
        JsonObject reply = vertx.eventBus().<JsonObject>request(Actions.TRANSCRIPTS_ADDRESS,
                utterance("conv-bus", "refund")).await().body();
        assertThat(actions(reply.getJsonArray("triggered"))).containsExactly("refunds");
        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
        assertThat(published.get(0).getString("triggerId"))
                .isEqualTo(reply.getJsonArray("triggered").getJsonObject(0).getString("triggerId"));

        Throwable failure = vertx.eventBus().request(Actions.TRANSCRIPTS_ADDRESS, new JsonObject().put("text", "x"))
                .transform(result -> Future.succeededFuture(result.cause())).await();
        assertThat(failure).isInstanceOf(ReplyException.class);
        assertThat(((ReplyException) failure).failureCode()).isEqualTo(400);
        assertThat(failure.getMessage()).contains("conversationId");
    }

    @Test
    void engagementIsRecordedMeasuredExportedAndAudited() {
        call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject().put("url", receiver.url()).put("secret", SECRET)
                .put("eventTypes", new JsonArray().add(EventTypes.ACTION_TRIGGERED)
                        .add(EventTypes.ACTION_RENDERED).add(EventTypes.ACTION_ACCEPTED).add(EventTypes.ACTION_DISMISSED)));
        JsonObject card = triggered(utterance("conv-e", "refund")).getJsonObject(0);
        String triggerId = card.getString("triggerId");
        Instant triggeredAt = Instant.parse(card.getString("triggeredAt"));

        HttpResponse<Buffer> rendered = call(HttpMethod.POST, "/api/v1/engagements", new JsonObject().put("type", "rendered")
                .put("triggerId", triggerId).put("timestamp", triggeredAt.plusMillis(180).toString()));
        assertThat(rendered.statusCode()).as(rendered.bodyAsString()).isEqualTo(201);
        assertThat(rendered.bodyAsJsonObject().getLong("latencyMs")).isEqualTo(180);
        HttpResponse<Buffer> duplicate = call(HttpMethod.POST, "/api/v1/engagements", new JsonObject()
                .put("type", "rendered").put("triggerId", triggerId));
        assertThat(duplicate.statusCode()).isEqualTo(200);
        assertThat(duplicate.bodyAsJsonObject().getString("status")).isEqualTo("duplicate");

        JsonObject accepted = vertx.eventBus().<JsonObject>request(Actions.ENGAGEMENTS_ADDRESS, new JsonObject()
                .put("type", "accepted").put("conversationId", "conv-e").put("action", "refunds")).await().body();
        assertThat(accepted.getString("status")).isEqualTo("recorded");
        assertThat(accepted.getString("triggerId")).isEqualTo(triggerId);
        assertThat(call(HttpMethod.POST, "/api/v1/engagements", new JsonObject().put("type", "dismissed")
                .put("triggerId", triggerId)).statusCode()).isEqualTo(409);
        assertThat(call(HttpMethod.POST, "/api/v1/engagements", new JsonObject().put("type", "rendered")
                .put("triggerId", "no-such-trigger")).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> badType = call(HttpMethod.POST, "/api/v1/engagements", new JsonObject().put("type", "clicked")
                .put("timestamp", "yesterday"));
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
                .map(e -> e.getString("field"))).contains("type", "timestamp", "triggerId");

        JsonObject metrics = call(HttpMethod.GET, "/api/v1/actions/refunds/metrics", null).bodyAsJsonObject();
        JsonObject variant = metrics.getJsonArray("variants").getJsonObject(0);
        assertThat(variant.getString("version")).isEqualTo("1.0.0");
        assertThat(variant.getString("group")).isEqualTo("control");
        assertThat(variant.getLong("triggered")).isEqualTo(1);
        assertThat(variant.getLong("rendered")).isEqualTo(1);
        assertThat(variant.getLong("accepted")).isEqualTo(1);
        assertThat(variant.getDouble("acceptanceRate")).isEqualTo(1.0);
        assertThat(variant.getJsonObject("renderLatency").getLong("p50Ms")).isEqualTo(180);
        assertThat(variant.getJsonObject("renderLatency").getLong("maxMs")).isEqualTo(180);
        assertThat(call(HttpMethod.GET, "/metrics", null).bodyAsString())
                .contains("assist_actions_render_latency_seconds_count{action=\"refunds\"");

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().size() == 3);
        assertThat(receiver.accepted().stream().map(r -> r.json().getString("type"))).containsExactly(
                EventTypes.ACTION_TRIGGERED, EventTypes.ACTION_RENDERED, EventTypes.ACTION_ACCEPTED);
        assertThat(receiver.accepted().get(2).json().getString("triggerId")).isEqualTo(triggerId);

        JsonArray audit = call(HttpMethod.GET, "/api/v1/audit?interaction=conv-e", null).bodyAsJsonObject()
                .getJsonArray("entries");
        assertThat(audit.stream().map(JsonObject.class::cast).map(e -> e.getString("kind") + ":" + e.getString("subject")))
                .contains("trigger:action:refunds", "engagement:rendered", "engagement:accepted");
    }

    @Test
    void acceptingAndDismissingOneCardAtOnceRecordsOneOfThem() {
        String triggerId = triggered(utterance("conv-race", "refund")).getJsonObject(0).getString("triggerId");
        List<Future<HttpResponse<Buffer>>> both = List.of("accepted", "dismissed").stream()
                .map(type -> TestHosts.api(client, host, HttpMethod.POST, "/api/v1/engagements")
                        .sendJsonObject(new JsonObject().put("type", type).put("triggerId", triggerId)))
                .toList();
        Future.all(both).await();
        assertThat(both.stream().map(answer -> answer.result().statusCode())).containsExactlyInAnyOrder(201, 409);
        JsonObject variant = call(HttpMethod.GET, "/api/v1/actions/refunds/metrics", null).bodyAsJsonObject()
                .getJsonArray("variants").getJsonObject(0);
        assertThat(variant.getLong("accepted") + variant.getLong("dismissed")).isEqualTo(1);
        JsonArray audit = call(HttpMethod.GET, "/api/v1/audit?kind=engagement&interaction=conv-race", null)
                .bodyAsJsonObject().getJsonArray("entries");
        assertThat(audit).hasSize(1);
    }

    @Test
    void anAcceptedArticleIsReportedToGenesys() {
        JsonObject recommendation = call(HttpMethod.POST, "/api/v1/recommendations", new JsonObject()
                .put("conversationId", "conv-kb").put("query", "refund for a late delivery")).bodyAsJsonObject();
        JsonObject source = recommendation.getJsonObject("source");
        String document = recommendation.getJsonArray("items").getJsonObject(0).getString("documentId");
        assertThat(source.getString("searchId")).isNotBlank();

        HttpResponse<Buffer> accepted = call(HttpMethod.POST, "/api/v1/engagements", new JsonObject().put("type", "accepted")
                .put("conversationId", "conv-kb").put("document", new JsonObject()
                        .put("knowledgeBaseId", source.getString("knowledgeBaseId")).put("documentId", document)
                        .put("searchId", source.getString("searchId"))));
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(201);
        assertThat(accepted.bodyAsJsonObject().getBoolean("reportedToGenesys")).isTrue();
        assertThat(host.emulator().searchFeedback()).anySatisfy(feedback -> {
            assertThat(feedback.getString("searchId")).isEqualTo(source.getString("searchId"));
            assertThat(feedback.getString("documentId")).isEqualTo(document);
            assertThat(feedback.getBoolean("answered")).isTrue();
        });

        HttpResponse<Buffer> unknownSearch = call(HttpMethod.POST, "/api/v1/engagements", new JsonObject()
                .put("type", "accepted").put("conversationId", "conv-kb").put("document", new JsonObject()
                        .put("knowledgeBaseId", source.getString("knowledgeBaseId")).put("documentId", document)
                        .put("searchId", "no-such-search")));
        assertThat(unknownSearch.statusCode()).isEqualTo(503);
        assertThat(unknownSearch.bodyAsJsonObject().getString("detail")).contains("audit log");
    }
}
