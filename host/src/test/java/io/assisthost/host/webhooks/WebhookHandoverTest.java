package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.cluster.SharedMaps;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.ClusterNodes;
import io.assisthost.host.testing.ClusterNodes.Node;
import io.assisthost.host.testing.GenesysSandbox;
import io.assisthost.host.testing.WebhookReceiver;
import io.assisthost.host.testing.WebhookReceiver.Answer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered nodes: a sink made on A, A's events pending while the receiver is down, then A leaves.
 * B must take A's pending deliveries over and deliver them once the receiver is back (or, if they died
 * on B meanwhile, once they are replayed there); when A returns with its store it must record them as
 * delivered by B and send none of them again.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class WebhookHandoverTest {

    private static final JsonArray MEMBERS = new JsonArray().add("127.0.0.1:29711").add("127.0.0.1:29712");
    // More than one page of the backlog a returning node reconciles.
    private static final int EVENTS = 120;

    @TempDir
    Path home;

    private Vertx testVertx;
    private Vertx nodeA;
    private Vertx nodeB;
    private GenesysEmulator emulator;
    private WebhookReceiver receiver;
    private JsonObject settings;

    @AfterEach
    void tearDown() {
        ClusterNodes.closeAll(nodeA, nodeB, testVertx);
    }

    @Test
    void aLiveNodeDeliversTheOutboxOfANodeThatLeftAndItsFirstNodeDoesNotSendItAgain() throws IOException {
        startWithTheReceiverDown(new JsonObject()
                .put("initialBackoffMs", 200).put("maxBackoffMs", 1_000).put("pollIntervalMs", 200)
                .put("breaker", new JsonObject().put("resetTimeoutMs", 1_000)));
        Node a = node("a");
        Node b = node("b");
        String sink = a.call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject().put("url", receiver.url())
                .put("eventTypes", new JsonArray().add(EventTypes.RECOMMENDATIONS_DELIVERED)))
                .bodyAsJsonObject().getString("id");
        Set<String> conversations = IntStream.range(0, EVENTS).mapToObj(i -> "conv-" + i).collect(Collectors.toSet());
        for (String conversation : conversations) {
            assertThat(a.call(HttpMethod.POST, "/api/v1/recommendations", new JsonObject()
                    .put("conversationId", conversation).put("query", "refund for a late delivery").put("maxResults", 3))
                    .statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received().isEmpty());

        a.vertx().close().await();
        nodeA = null;
        receiver.answer(request -> Answer.of(204));

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered(receiver).keySet().containsAll(conversations));
        // B records each outcome just after the receiver answered.
        await().atMost(Duration.ofSeconds(10)).until(() -> b.call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null)
                .bodyAsJsonObject().getJsonObject("deliveries").getLong("delivered") == EVENTS);
        assertThat(b.call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null).bodyAsJsonObject().getString("origin"))
                .as("the sink made on A is B's too").isEqualTo("api");

        Node back = node("a");
        await().atMost(Duration.ofSeconds(30)).until(() -> back.call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null)
                .bodyAsJsonObject().getJsonObject("deliveries").getLong("delivered") == EVENTS);
        JsonObject deliveries = back.call(HttpMethod.GET, "/api/v1/webhooks/" + sink + "/deliveries", null)
                .bodyAsJsonObject();
        assertThat(deliveries.getJsonArray("deliveries").stream().map(JsonObject.class::cast)
                .map(row -> row.getString("lastDetail"))).allMatch(detail -> detail.startsWith("settled by node "));
        assertThat(back.call(HttpMethod.POST, "/api/v1/recommendations", new JsonObject().put("conversationId", "conv-after")
                .put("query", "refund").put("maxResults", 3)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(receiver).containsKey("conv-after"));

        assertThat(delivered(receiver)).as("each event delivered once").hasSize(EVENTS + 1)
                .allSatisfy((conversation, copies) -> assertThat(copies).isEqualTo(1L));
    }

    @Test
    void aDeadLetterTakenOverFromANodeThatLeftIsDeliveredOnceWhenReplayed() throws IOException {
        // A long first backoff: A leaves before its second attempt, so the delivery is still pending there.
        startWithTheReceiverDown(new JsonObject().put("maxAttempts", 2)
                .put("initialBackoffMs", 3_000).put("maxBackoffMs", 3_000).put("pollIntervalMs", 200));
        Node a = node("a");
        Node b = node("b");
        String sink = a.call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject().put("url", receiver.url())
                .put("eventTypes", new JsonArray().add(EventTypes.RECOMMENDATIONS_DELIVERED)))
                .bodyAsJsonObject().getString("id");
        assertThat(a.call(HttpMethod.POST, "/api/v1/recommendations", new JsonObject().put("conversationId", "conv-dead")
                .put("query", "refund for a late delivery").put("maxResults", 3)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received().isEmpty());
        a.vertx().close().await();
        nodeA = null;

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(b, sink).getLong("dead") == 1);
        receiver.answer(request -> Answer.of(204));
        assertThat(b.call(HttpMethod.POST, "/api/v1/webhooks/" + sink + "/replay", new JsonObject().put("deadLetters", true))
                .bodyAsJsonObject().getInteger("replayed")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(receiver).containsKey("conv-dead"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(b, sink).getLong("delivered") == 1);

        Node back = node("a");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(back, sink).getLong("delivered") == 1);
        assertThat(delivered(receiver)).as("delivered once, by B").containsExactly(Map.entry("conv-dead", 1L));
    }

    @Test
    void theDeliveriesToADeletedSinkLeaveTheClustersCopySoNoNodeTakesThemOver() throws IOException {
        startWithTheReceiverDown(new JsonObject().put("initialBackoffMs", 3_000));
        Node a = node("a");
        Node b = node("b");
        String sink = a.call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject().put("url", receiver.url()))
                .bodyAsJsonObject().getString("id");
        assertThat(a.call(HttpMethod.POST, "/api/v1/recommendations", new JsonObject().put("conversationId", "conv-gone")
                .put("query", "refund for a late delivery").put("maxResults", 3)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !mirrored(b, sink).isEmpty());

        assertThat(a.call(HttpMethod.DELETE, "/api/v1/webhooks/" + sink, null).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> mirrored(b, sink).isEmpty());
    }

    /** The keys of the cluster's copy of pending deliveries to {@code sink}, as {@code node} reads them. */
    private static List<String> mirrored(Node node, String sink) {
        return node.vertx().sharedData().<String, String>getAsyncMap(SharedMaps.WEBHOOKS_PENDING)
                .compose(AsyncMap::keys).await().stream().filter(key -> key.endsWith("/" + sink)).toList();
    }

    private static JsonObject deliveries(Node node, String sink) {
        return node.call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null).bodyAsJsonObject().getJsonObject("deliveries");
    }

    /** Starts the emulator and a receiver that answers 503, for nodes with these webhook settings. */
    private void startWithTheReceiverDown(JsonObject webhooks) {
        testVertx = Vertx.vertx();
        emulator = GenesysSandbox.deploy(testVertx, GenesysSandbox.settings());
        receiver = new WebhookReceiver().start(testVertx).answer(request -> Answer.of(503));
        settings = new JsonObject().put("webhooks", webhooks.put("allowHosts", new JsonArray().add("127.0.0.1")));
    }

    /** Starts node {@code a} or {@code b} (again, with its store, if it ran before). */
    private Node node(String name) throws IOException {
        boolean first = name.equals("a");
        Node node = ClusterNodes.start(home, name, first ? 29711 : 29712, MEMBERS, emulator, settings);
        if (first) {
            nodeA = node.vertx();
        } else {
            nodeB = node.vertx();
        }
        return node;
    }

    private static Map<String, Long> delivered(WebhookReceiver receiver) {
        return receiver.accepted().stream().collect(Collectors.groupingBy(
                delivery -> delivery.json().getString("conversationId"), Collectors.counting()));
    }
}
