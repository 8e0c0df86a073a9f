package io.assisthost.host.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.ClusterNodes;
import io.assisthost.host.testing.ClusterNodes.Node;
import io.assisthost.host.testing.GenesysSandbox;
import io.assisthost.host.testing.TestActions;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action set in a two-node cluster: a change on one node is served by the other, revisions are
 * compare-and-set cluster-wide, the trigger window holds across nodes, engagement reaches the node
 * that showed the card, figures add up every node, and a node that restarts catches up with what
 * changed while it was away.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusterActionsTest {

    private static final JsonArray MEMBERS = new JsonArray().add("127.0.0.1:29701").add("127.0.0.1:29702");

    @TempDir
    Path home;

    private Vertx emulatorVertx;
    private Vertx nodeA;
    private Vertx nodeB;

    @AfterEach
    void tearDown() {
        ClusterNodes.closeAll(nodeA, nodeB, emulatorVertx);
    }

    private static JsonArray triggered(Node node, String conversationId, String text) {
        HttpResponse<Buffer> answer = node.call(HttpMethod.POST, "/api/v1/transcripts", new JsonObject()
                .put("conversationId", conversationId).put("text", text).put("confidence", 0.95).put("speaker", "customer"));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject().getJsonArray("triggered");
    }

    private static String status(Node node, String name) {
        HttpResponse<Buffer> answer = node.call(HttpMethod.GET, "/api/v1/actions/" + name, null);
        return answer.statusCode() == 200 ? answer.getHeader("ETag") + " " + answer.bodyAsJsonObject().getString("status")
                : String.valueOf(answer.statusCode());
    }

    @Test
    void oneDeployedSetForTheWholeCluster() throws IOException {
        emulatorVertx = Vertx.vertx();
        GenesysEmulator emulator = GenesysSandbox.deploy(emulatorVertx, GenesysSandbox.settings());
        Node a = ClusterNodes.start(home, "a", 29701, MEMBERS, emulator);
        nodeA = a.vertx();
        Node b = ClusterNodes.start(home, "b", 29702, MEMBERS, emulator);
        nodeB = b.vertx();

        assertThat(a.call(HttpMethod.POST, "/api/v1/actions", TestActions.definition("refunds", "1.0.0", "refund"))
                .statusCode()).isEqualTo(201);
        assertThat(a.call(HttpMethod.POST, "/api/v1/actions/refunds/deploy", new JsonObject().put("version", "1.0.0"))
                .statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(b, "refunds").equals("\"2\" deployed")
                && b.host().actions().engine().deployedVariants() == 1);

        JsonArray cards = triggered(b, "conv-1", "a refund please");
        assertThat(cards).hasSize(1);
        assertThat(triggered(a, "conv-1", "refund now")).as("the window holds across nodes").isEmpty();

        // Engagement reaching the other node goes to the node that showed the card.
        String triggerId = cards.getJsonObject(0).getString("triggerId");
        HttpResponse<Buffer> rendered = a.call(HttpMethod.POST, "/api/v1/engagements", new JsonObject()
                .put("type", "rendered").put("triggerId", triggerId));
        assertThat(rendered.statusCode()).as(rendered.bodyAsString()).isEqualTo(201);
        assertThat(rendered.bodyAsJsonObject().getLong("latencyMs")).isNotNull();
        HttpResponse<Buffer> accepted = a.call(HttpMethod.POST, "/api/v1/engagements", new JsonObject()
                .put("type", "accepted").put("conversationId", "conv-1").put("action", "refunds"));
        assertThat(accepted.statusCode()).as(accepted.bodyAsString()).isEqualTo(201);
        assertThat(accepted.bodyAsJsonObject().getString("triggerId")).isEqualTo(triggerId);
        assertThat(a.call(HttpMethod.POST, "/api/v1/engagements", new JsonObject().put("type", "dismissed")
                .put("triggerId", triggerId)).statusCode()).as("B's rules answer through A").isEqualTo(409);
        triggered(a, "conv-2", "refund");
        JsonObject figures = a.call(HttpMethod.GET, "/api/v1/actions/refunds/metrics", null).bodyAsJsonObject();
        assertThat(figures.getInteger("members")).isEqualTo(2);
        assertThat(figures.getJsonArray("unreachable")).isEmpty();
        JsonObject control = figures.getJsonArray("groups").getJsonObject(0);
        assertThat(control.getLong("triggered")).as("one card on each node").isEqualTo(2);
        assertThat(control.getLong("rendered")).isEqualTo(1);
        assertThat(control.getLong("accepted")).isEqualTo(1);

        // B saw revision 2; A moves the action on; B's stale If-Match must lose.
        HttpResponse<Buffer> added = a.call(HttpMethod.POST, "/api/v1/actions/refunds/deploy",
                new JsonObject().put("version", "1.0.0"));
        assertThat(added.getHeader("ETag")).isEqualTo("\"3\"");
        HttpResponse<Buffer> stale = TestHosts.api(b.client(), b.host(), HttpMethod.PUT,
                "/api/v1/actions/refunds").putHeader("If-Match", "\"2\"")
                .sendJsonObject(TestActions.definition("refunds", "1.1.0", "refund")).await();
        assertThat(stale.statusCode()).isEqualTo(412);

        // B leaves; A retires the action and adds another; B comes back and catches up.
        b.vertx().close().await();
        nodeB = null;
        assertThat(TestHosts.api(a.client(), a.host(), HttpMethod.DELETE,
                "/api/v1/actions/refunds").putHeader("If-Match", "\"3\"").send().await().statusCode()).isEqualTo(204);
        assertThat(a.call(HttpMethod.POST, "/api/v1/actions", TestActions.definition("locked", "1.0.0", "locked out"))
                .statusCode()).isEqualTo(201);
        Node back = ClusterNodes.start(home, "b", 29702, MEMBERS, emulator);
        nodeB = back.vertx();
        assertThat(status(back, "refunds")).isEqualTo("\"4\" retired");
        assertThat(status(back, "locked")).isEqualTo("\"1\" draft");
        assertThat(triggered(back, "conv-2", "refund")).isEmpty();
    }
}
