package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.assisthost.host.testing.TestHosts;
import io.assisthost.host.testing.TestPlugins;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline end to end against the emulator, with the real bundled plugin jars, over HTTP and the bus. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RecommendPipelineTest {

    private static final JsonObject REQUEST = new JsonObject().put("conversationId", "conv-1")
            .put("query", "refund for a late delivery").put("maxResults", 3);

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private JsonObject recommend(JsonObject body) {
        HttpResponse<Buffer> response = TestHosts.api(client, host, HttpMethod.POST, "/api/v1/recommendations")
                .sendJsonObject(body).await();
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        JsonObject reply = response.bodyAsJsonObject();
        assertThat(response.getHeader("ETag")).isEqualTo(reply.getString("etag"));
        return reply;
    }

    private void fault(JsonObject fault) {
        host.emulator().faults().set(fault.copy().put("target", GenesysSandbox.PRIMARY));
    }

    private String breakerState(String knowledgeBaseId) {
        JsonArray breakers = TestHosts.api(client, host, HttpMethod.GET, "/api/v1/breakers").send().await()
                .bodyAsJsonObject().getJsonArray("breakers");
        return breakers.stream().map(JsonObject.class::cast)
                .filter(b -> b.getString("knowledgeBaseId").equals(knowledgeBaseId))
                .map(b -> b.getString("state")).findFirst().orElse("NONE");
    }

    @Test
    void ranksByTheBlendOfRelevanceAndSemanticScoresAndReportsEachStage() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        JsonObject reply = recommend(REQUEST);

        assertThat(reply.getJsonObject("source").getString("strategy")).isEqualTo("knowledge-search");
        assertThat(reply.getJsonObject("source").getBoolean("fallback")).isFalse();
        JsonArray items = reply.getJsonArray("items");
        assertThat(items).hasSize(3);
        JsonObject top = items.getJsonObject(0);
        assertThat(top.getString("title")).isEqualTo("Refund a customer whose delivery arrived late");
        JsonObject scores = top.getJsonObject("scores");
        assertThat(scores.fieldNames()).containsExactlyInAnyOrder("relevance", "semantic");
        assertThat(top.getDouble("combinedScore"))
                .isCloseTo(0.7 * scores.getDouble("relevance") + 0.3 * scores.getDouble("semantic"), within(1e-5));
        assertThat(items.stream().map(i -> ((JsonObject) i).getDouble("combinedScore")).toList())
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(reply.getJsonObject("latencyMs").fieldNames())
                .contains("genesys", "scoring", "filtering", "fallback", "total");
        assertThat(reply.getJsonArray("skipped")).isEmpty();
        JsonObject dropped = recommend(REQUEST.copy().put("maxResults", 1)).getJsonArray("dropped").getJsonObject(0);
        assertThat(dropped.getString("filter")).isEqualTo("rule-filter/RuleFilter");
        assertThat(dropped.getString("reason")).isEqualTo("beyond top 1");
    }

    /** Genesys requests the host made for one recommendation. */
    private long genesysCalls(JsonObject request, List<JsonObject> replies) {
        long before = host.emulator().stats().requests();
        replies.add(recommend(request));
        return host.emulator().stats().requests() - before;
    }

    @Test
    void articleTextsAreFetchedOncePerDocumentVersionOrCarriedByEverySearchWhenTheHostKeepsNone() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        List<JsonObject> kept = new ArrayList<>();
        assertThat(genesysCalls(REQUEST, kept)).as("the search and each new document's text").isGreaterThan(3);
        assertThat(genesysCalls(REQUEST, kept)).as("the search alone").isEqualTo(1);
        vertx.undeploy(host.deploymentId()).await();

        host = TestHosts.deploy(vertx, home.resolve("without-texts"), new JsonObject()
                .put("plugins", new JsonObject().put("dir", home.resolve("plugins").toString()))
                .put("genesys", new JsonObject().put("articleTextCache", 0)));
        List<JsonObject> carried = new ArrayList<>();
        assertThat(genesysCalls(REQUEST, carried)).isEqualTo(1);
        assertThat(genesysCalls(REQUEST, carried)).isEqualTo(1);
        // The same texts either way, so the same lexical similarity.
        assertThat(carried.get(0).getJsonArray("items")).isEqualTo(kept.get(0).getJsonArray("items"));
        assertThat(kept.get(1).getJsonArray("items")).isEqualTo(kept.get(0).getJsonArray("items"));
    }

    @Test
    void theBusAnswersTheSameAndRefusesBadRequestsWithCode400() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        JsonObject reply = vertx.eventBus().<JsonObject>request(RecommendService.ADDRESS, REQUEST).await().body();
        assertThat(reply.getJsonArray("items")).hasSize(3);
        assertThat(reply.getString("etag")).isEqualTo(recommend(REQUEST).getString("etag"));

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> vertx.eventBus()
                .request(RecommendService.ADDRESS, new JsonObject().put("maxResults", 0)).await());
        assertThat(refused).isInstanceOfSatisfying(ReplyException.class, e -> {
            assertThat(e.failureCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("conversationId").contains("maxResults");
        });
        HttpResponse<Buffer> invalid = TestHosts.api(client, host, HttpMethod.POST, "/api/v1/recommendations")
                .sendJsonObject(new JsonObject().put("conversationId", "c").put("minRelevance", "high")).await();
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("minRelevance");
    }

    @Test
    void serverErrorsOpenTheBreakerTheFallbackServesAndRecoveryClosesIt() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        List<String> changes = new CopyOnWriteArrayList<>();
        vertx.eventBus().<JsonObject>consumer(BreakerRegistry.ADDRESS, message -> {
            if (message.body().getString("knowledgeBaseId").equals(GenesysSandbox.PRIMARY)) {
                changes.add(message.body().getString("state"));
            }
        });
        fault(new JsonObject().put("errorRate", 1.0).put("errorStatus", 502));
        for (int i = 0; i < 3; i++) {
            JsonObject source = recommend(REQUEST).getJsonObject("source");
            assertThat(source.getString("strategy")).isEqualTo("secondary-knowledge-base");
            assertThat(source.getString("knowledgeBaseId")).isEqualTo(GenesysSandbox.FALLBACK);
            assertThat(source.getString("cause")).isEqualTo("SOURCE_FAILED");
            assertThat(source.getString("reason")).contains("502");
        }
        assertThat(breakerState(GenesysSandbox.PRIMARY)).isEqualTo("OPEN");
        assertThat(breakerState(GenesysSandbox.FALLBACK)).isEqualTo("CLOSED");
        long requestsBefore = host.emulator().stats().requests();
        JsonObject whileOpen = recommend(REQUEST).getJsonObject("source");
        assertThat(whileOpen.getString("cause")).isEqualTo("CIRCUIT_OPEN");
        assertThat(whileOpen.getString("strategy")).isEqualTo("secondary-knowledge-base");
        assertThat(host.emulator().stats().requests() - requestsBefore).as("only the secondary was searched").isEqualTo(1);

        host.emulator().faults().clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> breakerState(GenesysSandbox.PRIMARY).equals("HALF_OPEN"));
        assertThat(recommend(REQUEST).getJsonObject("source").getString("strategy")).isEqualTo("knowledge-search");
        assertThat(breakerState(GenesysSandbox.PRIMARY)).isEqualTo("CLOSED");
        await().until(() -> changes.equals(List.of("OPEN", "HALF_OPEN", "CLOSED")));
    }

    @Test
    void slowAnswersTimeOutAtTheBreaker() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        fault(new JsonObject().put("latencyMs", 3_500));
        JsonObject reply = recommend(REQUEST);
        assertThat(reply.getJsonObject("source").getString("cause")).isEqualTo("TIMEOUT");
        assertThat(reply.getJsonObject("source").getString("strategy")).isEqualTo("secondary-knowledge-base");
        assertThat(reply.getJsonObject("latencyMs").getLong("genesys")).isBetween(1_900L, 3_400L);
    }

    @Test
    void rateLimitsAndOutagesAreFallenBackFromWithTheirCause() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        fault(new JsonObject().put("rateLimitRetryAfterSeconds", 30));
        assertThat(recommend(REQUEST).getJsonObject("source").getString("cause")).isEqualTo("RATE_LIMITED");
        fault(new JsonObject().put("outage", true));
        JsonObject source = recommend(REQUEST).getJsonObject("source");
        assertThat(source.getString("cause")).isEqualTo("SOURCE_FAILED");
        assertThat(source.getString("reason")).contains("503");
    }

    @Test
    void withoutASecondaryTheLastGoodResultServesMarkedStale() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        JsonObject fresh = recommend(REQUEST);
        fault(new JsonObject().put("outage", true));
        JsonObject stale = recommend(REQUEST.copy().put("knowledgeBases", new JsonObject().put("fallback", null)));
        JsonObject source = stale.getJsonObject("source");
        assertThat(source.getString("strategy")).isEqualTo("stale-cache");
        assertThat(source.getBoolean("stale")).isTrue();
        assertThat(source.getLong("ageSeconds")).isGreaterThanOrEqualTo(0);
        assertThat(stale.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("documentId")).toList())
                .isEqualTo(fresh.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("documentId")).toList());
    }

    @Test
    void wrongRequestsToGenesysDoNotCountAgainstTheBreaker() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        String unknown = "00000000-0000-0000-0000-00000000beef";
        for (int i = 0; i < 4; i++) {
            JsonObject source = recommend(REQUEST.copy().put("knowledgeBases", new JsonObject().put("primary", unknown)))
                    .getJsonObject("source");
            assertThat(source.getString("cause")).isEqualTo("SOURCE_FAILED");
            assertThat(source.getString("reason")).contains("404");
        }
        assertThat(breakerState(unknown)).isEqualTo("CLOSED");
    }

    @Test
    void whenNothingMatchesAnywhereTheReplyIsEmptyWithTheReason() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        JsonObject reply = recommend(REQUEST.copy().put("query", "xylophone zeppelin"));
        assertThat(reply.getJsonArray("items")).isEmpty();
        assertThat(reply.getJsonObject("source").getString("cause")).isEqualTo("EMPTY");
        assertThat(reply.getJsonObject("source").getString("reason")).contains("no fallback strategy could serve");
    }

    @Test
    void throwingAndHangingThirdPartyScorersAreSkippedAndReported() throws IOException {
        TestPlugins.throwingScorer().writeTo(home.resolve("plugins"));
        TestPlugins.hangingScorer().writeTo(home.resolve("plugins"));
        host = TestHosts.deploy(vertx, home, new JsonObject().put("plugins", new JsonObject().put("callTimeoutMs", 300)));
        JsonObject reply = recommend(REQUEST);
        assertThat(reply.getJsonArray("items")).hasSize(3);
        List<String> skipped = reply.getJsonArray("skipped").stream()
                .map(s -> ((JsonObject) s).getString("plugin") + ":" + ((JsonObject) s).getString("reason")).toList();
        assertThat(skipped).containsExactlyInAnyOrder("throwing:THREW", "hanging:TIMED_OUT");
        assertThat(reply.getJsonArray("items").getJsonObject(0).getJsonObject("scores").fieldNames())
                .containsExactlyInAnyOrder("relevance", "semantic");
    }

    @Test
    void pluginAnswersAreReadWhereThePluginRanAndOnlyThere() throws IOException {
        TestPlugins.readOnce().writeTo(home.resolve("plugins"));
        host = TestHosts.deploy(vertx, home, new JsonObject());

        // Read again by the host after the call (on an event loop), these answers would throw there.
        JsonObject reply = recommend(REQUEST);
        assertThat(reply.getJsonArray("skipped")).isEmpty();
        assertThat(reply.getJsonArray("items")).as("the filter kept only the best").hasSize(1);
        assertThat(reply.getJsonArray("items").getJsonObject(0).getJsonObject("scores").getDouble("once")).isEqualTo(0.5);
    }

    @Test
    void everyRecommendationIsAuditedBeforeItIsAnswered() {
        host = TestHosts.deploy(vertx, home, new JsonObject());
        JsonObject reply = recommend(REQUEST);
        JsonObject page = TestHosts.api(client, host, HttpMethod.GET, "/api/v1/audit?interaction=conv-1&kind=recommendation")
                .send().await().bodyAsJsonObject();
        JsonObject entry = page.getJsonArray("entries").getJsonObject(0);
        assertThat(entry.getString("conversationId")).isEqualTo("conv-1");
        JsonObject details = entry.getJsonObject("details");
        assertThat(details.getString("origin")).isEqualTo("request");
        assertThat(details.getInteger("count")).isEqualTo(3);
        assertThat(details.getString("etag")).isEqualTo(reply.getString("etag"));
        assertThat(details.getDouble("maxScore"))
                .isEqualTo(reply.getJsonArray("items").getJsonObject(0).getDouble("combinedScore"));
        assertThat(details.getBoolean("fallback")).isFalse();

        JsonObject verified = TestHosts.api(client, host, HttpMethod.GET, "/api/v1/audit/verify").send().await().bodyAsJsonObject();
        assertThat(verified.getBoolean("valid")).isTrue();
        assertThat(verified.getLong("entries")).isEqualTo(1);
        HttpResponse<Buffer> invalid = TestHosts.api(client, host, HttpMethod.GET, "/api/v1/audit?limit=9000&since=today")
                .send().await();
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
                .containsExactlyInAnyOrder("limit", "since");
    }
}
