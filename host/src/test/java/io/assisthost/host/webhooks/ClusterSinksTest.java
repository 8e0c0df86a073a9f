package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.ClusterNodes;
import io.assisthost.host.testing.ClusterNodes.Node;
import io.assisthost.host.testing.GenesysSandbox;
import io.assisthost.host.testing.WebhookReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sinks made through the API in a two-node cluster: a sink made on one node receives the events of
 * the other, a change on either reaches both, and a node that was away catches up with the sinks made
 * and deleted meanwhile.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusterSinksTest {

    private static final JsonArray MEMBERS = new JsonArray().add("127.0.0.1:29721").add("127.0.0.1:29722");

    @TempDir
    Path home;

    private Vertx testVertx;
    private Vertx nodeA;
    private Vertx nodeB;

    @AfterEach
    void tearDown() {
        ClusterNodes.closeAll(nodeA, nodeB, testVertx);
    }

    @Test
    void aSinkMadeOnOneNodeIsEveryNodesAndANodeThatWasAwayCatchesUp() throws IOException {
        testVertx = Vertx.vertx();
        GenesysEmulator emulator = GenesysSandbox.deploy(testVertx, GenesysSandbox.settings());
        WebhookReceiver receiver = new WebhookReceiver().start(testVertx);
        JsonObject settings = new JsonObject().put("webhooks", new JsonObject()
                .put("allowHosts", new JsonArray().add("127.0.0.1")).put("pollIntervalMs", 200));
        Node a = ClusterNodes.start(home, "a", 29721, MEMBERS, emulator, settings);
        nodeA = a.vertx();
        Node b = ClusterNodes.start(home, "b", 29722, MEMBERS, emulator, settings);
        nodeB = b.vertx();

        String sink = create(a, receiver.url(), "made on A");
        await().atMost(Duration.ofSeconds(10)).until(() -> b.call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null)
                .statusCode() == 200);
        assertThat(b.call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null).bodyAsJsonObject().getString("url"))
                .isEqualTo(receiver.url());

        assertThat(b.call(HttpMethod.POST, "/api/v1/recommendations", new JsonObject().put("conversationId", "conv-on-b")
                .put("query", "refund for a late delivery").put("maxResults", 3)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.accepted().stream()
                .anyMatch(delivery -> "conv-on-b".equals(delivery.json().getString("conversationId"))));

        assertThat(b.call(HttpMethod.PUT, "/api/v1/webhooks/" + sink, new JsonObject().put("description", "changed on B"))
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "changed on B".equals(a.call(HttpMethod.GET,
                "/api/v1/webhooks/" + sink, null).bodyAsJsonObject().getString("description")));

        b.vertx().close().await();
        nodeB = null;
        assertThat(a.call(HttpMethod.DELETE, "/api/v1/webhooks/" + sink, null).statusCode()).isEqualTo(204);
        String madeWhileAway = create(a, receiver.url(), "made while B was away");

        Node back = ClusterNodes.start(home, "b", 29722, MEMBERS, emulator, settings);
        nodeB = back.vertx();
        assertThat(back.call(HttpMethod.GET, "/api/v1/webhooks/" + sink, null).statusCode()).isEqualTo(404);
        assertThat(back.call(HttpMethod.GET, "/api/v1/webhooks/" + madeWhileAway, null).bodyAsJsonObject()
                .getString("description")).isEqualTo("made while B was away");
        assertThat(back.call(HttpMethod.GET, "/api/v1/webhooks", null).bodyAsJsonObject().encode())
                .doesNotContain(sink);
    }

    private static String create(Node node, String url, String description) {
        JsonObject created = node.call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject().put("url", url)
                .put("description", description)
                .put("eventTypes", new JsonArray().add(EventTypes.RECOMMENDATIONS_DELIVERED))).bodyAsJsonObject();
        return created.getString("id");
    }
}
