package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.ClusterNodes;
import io.assisthost.host.testing.ClusterNodes.Node;
import io.assisthost.host.testing.GenesysSandbox;
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

/** A subscription in a two-node cluster: one owner polls, the other sees its ETag and takes over. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterSubscriptionTest {

    private static final JsonArray MEMBERS = new JsonArray().add("127.0.0.1:28701").add("127.0.0.1:28702");
    private static final String PATH = "/api/v1/interactions/conv-cluster-1";

    @TempDir
    Path home;

    private Vertx emulatorVertx;
    private Vertx nodeA;
    private Vertx nodeB;

    @AfterEach
    void tearDown() {
        ClusterNodes.closeAll(nodeA, nodeB, emulatorVertx);
    }

    private static SubscriptionManager subscriptions(Node node) {
        return node.host().recommendations().subscriptions();
    }

    private Node start(String name, int clusterPort, GenesysEmulator emulator) throws IOException {
        return ClusterNodes.start(home, name, clusterPort, MEMBERS, emulator);
    }

    @Test
    void exactlyOneNodePollsTheOtherSeesItsEtagAndTakesOverWhenItStops() throws IOException {
        emulatorVertx = Vertx.vertx();
        GenesysEmulator emulator = GenesysSandbox.deploy(emulatorVertx, GenesysSandbox.settings());
        Node a = start("a", 28701, emulator);
        nodeA = a.vertx();
        Node b = start("b", 28702, emulator);
        nodeB = b.vertx();

        assertThat(a.call(HttpMethod.PUT, PATH + "/subscription", new JsonObject().put("pollIntervalMs", 100)
                .put("context", new JsonObject().put("query", "refund for a late delivery"))).statusCode()).isEqualTo(201);
        await().until(() -> b.call(HttpMethod.GET, PATH + "/subscription", null).bodyAsJsonObject().getString("owner") != null);
        String ownerId = b.call(HttpMethod.GET, PATH + "/subscription", null).bodyAsJsonObject().getString("owner");
        Node owner = ownerId.equals(a.id()) ? a : b;
        Node other = owner == a ? b : a;

        await().until(() -> subscriptions(owner).polls() >= 10);
        assertThat(subscriptions(other).polls()).as("the other node never polls").isZero();
        assertThat(subscriptions(owner).updates()).isEqualTo(1);

        HttpResponse<Buffer> seenByOther = other.call(HttpMethod.GET, PATH + "/recommendations", null);
        assertThat(seenByOther.statusCode()).isEqualTo(200);
        HttpResponse<Buffer> seenByOwner = owner.call(HttpMethod.GET, PATH + "/recommendations", null);
        assertThat(seenByOther.getHeader("ETag")).isEqualTo(seenByOwner.getHeader("ETag"));

        // A changed result is swapped for the stored one in the cluster map, which compares their serialised
        // forms: the stored one, read back, must compare equal, or no change would ever be published again.
        assertThat(other.call(HttpMethod.PUT, PATH + "/subscription", new JsonObject().put("pollIntervalMs", 100)
                .put("context", new JsonObject().put("query", "reset my password"))).statusCode()).isEqualTo(200);
        await().until(() -> subscriptions(owner).updates() == 2);
        long changedAt = subscriptions(owner).polls();
        await().until(() -> subscriptions(owner).polls() >= changedAt + 5);
        assertThat(subscriptions(owner).updates()).isEqualTo(2);
        assertThat(other.call(HttpMethod.GET, PATH + "/recommendations", null).getHeader("ETag"))
                .isNotEqualTo(seenByOwner.getHeader("ETag"));

        owner.vertx().close().await();
        if (owner == a) {
            nodeA = null;
        } else {
            nodeB = null;
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriptions(other).polls() >= 3);
        assertThat(other.call(HttpMethod.GET, PATH + "/subscription", null).bodyAsJsonObject().getString("owner"))
                .isEqualTo(other.id());
        assertThat(other.call(HttpMethod.GET, PATH + "/recommendations", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aMemberThatJoinsLateIsHandedItsShareOfTheSubscriptions() throws IOException {
        emulatorVertx = Vertx.vertx();
        GenesysEmulator emulator = GenesysSandbox.deploy(emulatorVertx, GenesysSandbox.settings());
        Node a = start("a", 28701, emulator);
        nodeA = a.vertx();
        for (int i = 0; i < 4; i++) {
            assertThat(a.call(HttpMethod.PUT, "/api/v1/interactions/conv-late-" + i + "/subscription", new JsonObject()
                    .put("pollIntervalMs", 100).put("context", new JsonObject().put("query", "refund"))).statusCode())
                    .isEqualTo(201);
        }
        assertThat(subscriptions(a).ownedCount()).as("alone, the first member polls them all").isEqualTo(4);

        Node b = start("b", 28702, emulator);
        nodeB = b.vertx();
        // Only handing back moves work to a member that joined after every subscription was taken.
        await().atMost(Duration.ofSeconds(30)).until(() -> subscriptions(a).ownedCount() == 2
                && subscriptions(b).ownedCount() == 2);
    }
}
