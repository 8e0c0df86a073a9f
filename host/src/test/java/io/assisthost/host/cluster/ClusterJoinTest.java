package io.assisthost.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.config.HostConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two clustered nodes in one JVM join over TCP-IP on 127.0.0.1 with the shipped conf/cluster.xml. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClusterJoinTest {

    private static final Path CONF = Path.of(System.getProperty("assist.conf.dir", "../conf"));
    private static final JsonArray MEMBERS = new JsonArray().add("127.0.0.1:25701").add("127.0.0.1:25702");

    private Vertx nodeA;
    private Vertx nodeB;

    @AfterEach
    void tearDown() {
        Future.join(close(nodeA), close(nodeB)).await();
    }

    private static Future<Void> close(Vertx vertx) {
        return vertx == null ? Future.succeededFuture() : vertx.close();
    }

    private static Future<Vertx> startNode(int port) {
        HostConfig config = HostConfig.of(new JsonObject().put("cluster", new JsonObject()
                .put("port", port)
                .put("members", MEMBERS)
                .put("config", CONF.resolve("cluster.xml").toAbsolutePath().toString())), CONF.getParent());
        return new ClusterBootstrap(config.cluster()).start(new VertxOptions(), null);
    }

    @Test
    void twoNodesJoinAndReadEachOthersSharedMapEntries() {
        nodeA = startNode(25701).await();
        nodeB = startNode(25702).await();
        ClusterView viewA = HazelcastClusterView.of(nodeA);
        ClusterView viewB = HazelcastClusterView.of(nodeB);
        await().atMost(Duration.ofSeconds(30)).until(() -> members(viewA).size() == 2 && members(viewB).size() == 2);

        AsyncMap<String, JsonObject> etagsOnA = nodeA.sharedData().<String, JsonObject>getAsyncMap(SharedMaps.ETAGS).await();
        AsyncMap<String, JsonObject> etagsOnB = nodeB.sharedData().<String, JsonObject>getAsyncMap(SharedMaps.ETAGS).await();
        etagsOnA.put("conv-from-a", new JsonObject().put("etag", "\"a1\"")).await();
        etagsOnB.put("conv-from-b", new JsonObject().put("etag", "\"b1\"")).await();

        assertThat(etagsOnB.get("conv-from-a").await().getString("etag")).isEqualTo("\"a1\"");
        assertThat(etagsOnA.get("conv-from-b").await().getString("etag")).isEqualTo("\"b1\"");

        JsonObject described = viewA.describe().await();
        assertThat(described.getBoolean("clustered")).isTrue();
        assertThat(described.getJsonObject("self").getString("id")).isEqualTo(viewA.selfId()).isNotEqualTo(viewB.selfId());
        assertThat(members(viewA)).containsExactlyInAnyOrder(viewA.selfId(), viewB.selfId());
        JsonObject etags = described.getJsonArray("maps").getJsonObject(0);
        assertThat(etags.getString("name")).isEqualTo(SharedMaps.ETAGS);
        assertThat(etags.getInteger("size")).isEqualTo(2);
        assertThat(etags.getInteger("backupCount")).isEqualTo(1);
        assertThat(viewA.joined()).isTrue();
    }

    @Test
    void sharedMapCallsStartNoThreadOfTheirOwn() {
        nodeA = startNode(25701).await();
        AsyncMap<String, JsonObject> etags = nodeA.sharedData().<String, JsonObject>getAsyncMap(SharedMaps.ETAGS).await();
        etags.put("warm-up", new JsonObject()).compose(done -> etags.get("warm-up")).await();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();
        for (int i = 0; i < 200; i++) {
            String key = "conv-" + i;
            etags.put(key, new JsonObject().put("etag", "\"" + i + "\"")).compose(done -> etags.get(key)).await();
        }
        // Hazelcast's default on a machine with two cores or fewer starts one thread per callback: 400 here.
        assertThat(threads.getTotalStartedThreadCount() - startedBefore).isLessThan(20);
    }

    private static List<String> members(ClusterView view) {
        return view.describe().await().getJsonArray("members").stream()
                .map(member -> ((JsonObject) member).getString("id")).toList();
    }
}
