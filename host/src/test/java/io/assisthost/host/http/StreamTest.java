package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.metrics.LatencyPublisher;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.assisthost.host.testing.TestActions;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The live stream (SSE) and the per-second latency snapshots behind it. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamTest {

    private static final Pattern TRIGGER = Pattern.compile("id: (\\w+)-(\\d+)\nevent: trigger\ndata: (\\{.*})\n");

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HttpClient http;
    private HostVerticle host;

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        http = vertx.createHttpClient();
        host = TestHosts.deploy(vertx, home, new JsonObject());
        TestHosts.call(client, host, HttpMethod.POST, "/api/v1/actions", TestActions.definition("refunds", "1.0.0",
                "refund"));
        TestHosts.call(client, host, HttpMethod.POST, "/api/v1/actions/refunds/deploy", new JsonObject()
                .put("version", "1.0.0"));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    /** Opens the stream and collects what arrives. */
    private StringBuffer open(String header, String value, String lastEventId, int[] status) {
        StringBuffer received = new StringBuffer();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(host.httpPort()).setURI("/api/v1/stream").putHeader(header, value);
        if (lastEventId != null) {
            options.putHeader("Last-Event-ID", lastEventId);
        }
        // The handler is set on the event loop as the response arrives, so no early chunk is missed.
        HttpClientResponse response = http.request(options).compose(request -> request.send().map(answer -> {
            answer.handler(buffer -> received.append(buffer.toString()));
            return answer;
        })).await();
        status[0] = response.statusCode();
        return received;
    }

    private void trigger(String conversationId) {
        TestHosts.call(client, host, HttpMethod.POST, "/api/v1/transcripts", new JsonObject()
                .put("conversationId", conversationId).put("text", "a refund please").put("confidence", 0.9)
                .put("speaker", "customer"));
    }

    @Test
    void streamsTriggersAndLatencyAndResumesFromTheLastEventId() {
        int[] status = new int[1];
        StringBuffer stream = open("Authorization", "Bearer " + TestHosts.TOKEN, null, status);
        assertThat(status[0]).isEqualTo(200);
        trigger("conv-stream");
        await().atMost(Duration.ofSeconds(10)).until(() -> TRIGGER.matcher(stream).find());
        Matcher matcher = TRIGGER.matcher(stream);
        assertThat(matcher.find()).isTrue();
        String run = matcher.group(1);
        long seq = Long.parseLong(matcher.group(2));
        assertThat(new JsonObject(matcher.group(3)).getString("conversationId")).isEqualTo("conv-stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.indexOf("event: latency") >= 0);

        StringBuffer resumed = open("Authorization", "Bearer " + TestHosts.TOKEN, run + "-" + (seq - 1), status);
        await().atMost(Duration.ofSeconds(5)).until(() -> resumed.indexOf("id: " + run + "-" + seq + "\n") >= 0);
        assertThat(resumed.toString()).startsWith("retry: 2000\n\nid: " + run + "-" + seq + "\nevent: trigger\n");

        StringBuffer elsewhere = open("Authorization", "Bearer " + TestHosts.TOKEN, "otherrun-7", status);
        await().atMost(Duration.ofSeconds(5)).until(() -> elsewhere.indexOf("event: reset") >= 0);
        assertThat(elsewhere.toString()).doesNotContain("event: trigger");
    }

    @Test
    void theSessionCookieOpensTheStreamAndNothingElse() {
        var session = TestHosts.call(client, host, HttpMethod.POST, "/api/v1/session", null);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.bodyAsJsonObject().getString("scope")).isEqualTo("admin");
        String cookie = session.cookies().get(0);
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/api/v1/stream")
                .doesNotContain(TestHosts.TOKEN);
        String pair = cookie.substring(0, cookie.indexOf(';'));

        int[] status = new int[1];
        open("Cookie", pair, null, status);
        assertThat(status[0]).isEqualTo(200);
        assertThat(client.get(host.httpPort(), "127.0.0.1", "/api/v1/actions").putHeader("Cookie", pair).send().await()
                .statusCode()).as("the cookie is for the stream only").isEqualTo(401);
        open("Cookie", "assist_session=stolen-or-stale", null, status);
        assertThat(status[0]).isEqualTo(401);
        StringBuffer refused = open("X-Nothing", "x", null, status);
        assertThat(status[0]).isEqualTo(401);
        await().atMost(Duration.ofSeconds(5)).until(() -> refused.indexOf("Authorization: Bearer") >= 0);
    }

    @Test
    void aRecommendationThePrimaryKnowledgeBaseCouldNotServeIsStreamedAndCountedAsAFallback() {
        assertThat(TestHosts.call(client, host, HttpMethod.POST, "/sandbox/faults", new JsonObject()
                .put("target", GenesysSandbox.PRIMARY)
                .put("outage", true)).statusCode()).isEqualTo(200);
        List<JsonObject> snapshots = new CopyOnWriteArrayList<>();
        vertx.eventBus().<JsonObject>consumer(LatencyPublisher.ADDRESS, message -> snapshots.add(message.body()))
                .completion().await();
        int[] status = new int[1];
        StringBuffer stream = open("Authorization", "Bearer " + TestHosts.TOKEN, null, status);

        TestHosts.call(client, host, HttpMethod.POST, "/api/v1/recommendations", new JsonObject()
                .put("conversationId", "conv-outage").put("query", "refund for a late delivery"));

        await().atMost(Duration.ofSeconds(5)).until(() -> stream.indexOf("event: fallback") >= 0);
        Matcher fallback = Pattern.compile("event: fallback\ndata: (.+)\n").matcher(stream);
        assertThat(fallback.find()).isTrue();
        JsonObject event = new JsonObject(fallback.group(1));
        assertThat(event.getString("conversationId")).isEqualTo("conv-outage");
        assertThat(event.getString("origin")).isEqualTo("request");
        // No fallback plugin is installed here: nothing served, and the board counts that as an error.
        assertThat(event.getJsonObject("source").getString("strategy")).isNull();
        assertThat(event.getJsonObject("source").getString("cause")).isEqualTo("SOURCE_FAILED");
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshots.stream().anyMatch(snapshot ->
                stages(snapshot).contains("fallback")));
        JsonObject counted = snapshots.stream().flatMap(snapshot -> snapshot.getJsonArray("stages").stream())
                .map(JsonObject.class::cast).filter(stage -> stage.getString("stage").equals("fallback"))
                .reduce((first, last) -> last).orElseThrow();
        assertThat(counted.getString("name")).isEqualTo("none");
        assertThat(counted.getJsonObject("60s").getLong("count")).isEqualTo(1);
        assertThat(counted.getJsonObject("60s").getDouble("errorPercent")).isEqualTo(100.0);
    }

    @Test
    void everyNodePublishesItsStagesAndBreakersEachSecond() {
        List<JsonObject> snapshots = new CopyOnWriteArrayList<>();
        vertx.eventBus().<JsonObject>consumer(LatencyPublisher.ADDRESS, message -> snapshots.add(message.body()))
                .completion().await();
        TestHosts.call(client, host, HttpMethod.POST, "/api/v1/recommendations", new JsonObject()
                .put("conversationId", "conv-latency").put("query", "refund for a late delivery"));
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshots.stream().anyMatch(snapshot ->
                stages(snapshot).containsAll(List.of("pipeline", "genesys", "store"))));
        JsonObject snapshot = snapshots.get(snapshots.size() - 1);
        assertThat(snapshot.getString("node")).isNotBlank();
        assertThat(snapshot.getJsonArray("breakers").stream().map(JsonObject.class::cast)
                .map(breaker -> breaker.getString("name"))).anyMatch(name -> name.startsWith("genesys:"));
        JsonObject genesys = snapshot.getJsonArray("stages").stream().map(JsonObject.class::cast)
                .filter(stage -> stage.getString("stage").equals("genesys")).findFirst().orElseThrow();
        assertThat(genesys.getJsonObject("60s").getLong("count")).isEqualTo(1);
        assertThat(genesys.getJsonObject("60s").getDouble("p99Ms")).isPositive();
        JsonObject store = snapshot.getJsonArray("stages").stream().map(JsonObject.class::cast)
                .filter(stage -> stage.getString("stage").equals("store")).findFirst().orElseThrow();
        assertThat(store.getString("name")).isEqualTo("recommendation");
        assertThat(store.getJsonObject("60s").getLong("count")).as("the answer's audit entry and event, recorded once")
                .isEqualTo(1);
        assertThat(store.getJsonObject("60s").getDouble("errorPercent")).isZero();
    }

    @Test
    void inSandboxModeGeneratedConversationsBringTrafficOnTheirOwn() {
        vertx.undeploy(host.deploymentId()).await();
        List<JsonObject> snapshots = new CopyOnWriteArrayList<>();
        vertx.eventBus().<JsonObject>consumer(LatencyPublisher.ADDRESS, message -> snapshots.add(message.body()))
                .completion().await();
        host = TestHosts.deploy(vertx, home.resolve("generating"), new JsonObject().put("sandbox", new JsonObject()
                .put("generator", true).put("utteranceIntervalMs", 200).put("conversationsPerMinute", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.stream().anyMatch(snapshot ->
                stages(snapshot).contains("pipeline") && stages(snapshot).contains("genesys")));
        assertThat(host.recommendations().subscriptions().polls()).isPositive();
    }

    private static List<String> stages(JsonObject snapshot) {
        JsonArray stages = snapshot.getJsonArray("stages");
        return stages.stream().map(JsonObject.class::cast).map(stage -> stage.getString("stage")).toList();
    }
}
