package io.assisthost.host.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.config.HostConfig;
import io.assisthost.host.testing.HostProcess;
import io.assisthost.host.testing.TestHosts;
import io.assisthost.host.testing.WebhookReceiver;
import io.assisthost.host.testing.WebhookReceiver.Answer;
import io.assisthost.host.webhooks.EventTypes;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Three hosts started from the distribution, each in its own JVM, as one cluster on 127.0.0.1: the
 * members see each other, subscriptions are spread with one poller each, a member killed with
 * SIGKILL is replaced as poller within a lease plus a poll interval, its ETags and last good results
 * survive in the backups, its pending webhook deliveries are made by a live member, it rejoins when
 * restarted (and sends none of them again), and a verticle in yet another JVM has its bus
 * requests served by the hosts' consumers.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterProcessesIT {

    private static final String TOKEN = "cluster-test-token";
    private static final long LEASE_MS = 3_000;
    private static final long SCAN_MS = 200;
    private static final long POLL_MS = 1_000;
    private static final int SUBSCRIPTIONS = 9;
    private static final Duration START = Duration.ofSeconds(90);
    private static final int WEBHOOK_EVENTS = 10;

    @TempDir
    Path work;

    private final List<HostProcess> hosts = new ArrayList<>();
    private Vertx client;
    private Vertx receiverVertx;

    @AfterEach
    void tearDown() throws InterruptedException {
        for (HostProcess host : hosts) {
            host.close();
        }
        if (client != null) {
            client.close().await();
        }
        if (receiverVertx != null) {
            receiverVertx.close().await();
        }
    }

    @Test
    void threeProcessesShareTheWorkSurviveAKilledMemberAndServeEachOthersBusRequests() throws Exception {
        int[] clusterPorts = {HostProcess.freePort(), HostProcess.freePort(), HostProcess.freePort()};
        String members = IntStream.of(clusterPorts).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        List<String> names = List.of("a", "b", "c");
        for (int i = 0; i < 3; i++) {
            hosts.add(start(names.get(i), HostProcess.freePort(), clusterPorts[i], members));
        }
        for (HostProcess host : hosts) {
            host.awaitReady(START);
        }

        // One cluster: every member lists the three, and names itself.
        Map<String, HostProcess> byNode = new HashMap<>();
        for (HostProcess host : hosts) {
            await().atMost(Duration.ofSeconds(30)).until(() -> host.json("/api/v1/cluster").getJsonArray("members").size() == 3);
            JsonObject cluster = host.json("/api/v1/cluster");
            String self = cluster.getJsonObject("self").getString("id");
            assertThat(ids(cluster.getJsonArray("members"))).contains(self);
            assertThat(host.nodeId()).isEqualTo(self);
            byNode.put(self, host);
        }
        assertThat(byNode).hasSize(3);

        // Subscriptions made on one member are spread, each polled by exactly one owner.
        HostProcess a = hosts.get(0);
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            HttpResponse<String> put = a.send("PUT", "/api/v1/interactions/conv-" + i + "/subscription", new JsonObject()
                    .put("pollIntervalMs", POLL_MS).put("context", new JsonObject().put("query", "refund for a late delivery")));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        }
        HostProcess b = hosts.get(1);
        // Evenly: three each, whichever node was quicker to claim at first.
        await().atMost(Duration.ofSeconds(30)).until(() -> owners(b).values().stream().allMatch(byNode::containsKey)
                && perNode(owners(b)).values().stream().allMatch(count -> count == SUBSCRIPTIONS / 3)
                && perNode(owners(b)).size() == 3 && latestEtags(b).size() == SUBSCRIPTIONS);
        Map<String, String> owners = owners(b);
        for (HostProcess host : hosts) {
            assertThat(owners(host)).as("every member sees the same owners").isEqualTo(owners);
        }

        // Kill -9 the member that owns conv-0: its subscriptions move, its ETags and results stay.
        String victimId = owners.get("conv-0");
        HostProcess victim = byNode.get(victimId);
        HostProcess survivor = hosts.stream().filter(host -> host != victim).findFirst().orElseThrow();
        List<String> orphaned = owners.entrySet().stream().filter(e -> e.getValue().equals(victimId))
                .map(Map.Entry::getKey).toList();
        Map<String, String> etagsBefore = latestEtags(survivor);

        // The victim's webhook outbox: events for a sink made on it wait while the receiver is down.
        receiverVertx = Vertx.vertx();
        WebhookReceiver receiver = new WebhookReceiver().start(receiverVertx).answer(request -> Answer.of(503));
        HttpResponse<String> sinkMade = victim.send("POST", "/api/v1/webhooks", new JsonObject().put("url", receiver.url())
                .put("eventTypes", new JsonArray().add(EventTypes.RECOMMENDATIONS_DELIVERED)));
        assertThat(sinkMade.statusCode()).as(sinkMade.body()).isEqualTo(201);
        String sink = new JsonObject(sinkMade.body()).getString("id");
        Set<String> hooked = IntStream.range(0, WEBHOOK_EVENTS).mapToObj(i -> "hook-" + i).collect(Collectors.toSet());
        for (String conversation : hooked) {
            assertThat(victim.send("POST", "/api/v1/recommendations", new JsonObject().put("conversationId", conversation)
                    .put("query", "refund for a late delivery").put("maxResults", 3)).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received().isEmpty());

        long killedAt = System.currentTimeMillis();
        victim.kill();
        // A lease is taken for LEASE_MS, so the expiry of the first lease seen on another node tells when
        // it was taken, to the millisecond (the work may move again afterwards while the cluster evens out).
        Map<String, Long> takenAt = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (String id : orphaned) {
                JsonObject subscription = survivor.json("/api/v1/interactions/" + id + "/subscription");
                String owner = subscription.getString("owner");
                if (!takenAt.containsKey(id) && owner != null && !owner.equals(victimId)) {
                    takenAt.put(id, Instant.parse(subscription.getString("leaseExpiresAt")).toEpochMilli() - LEASE_MS);
                }
            }
            return takenAt.size() == orphaned.size();
        });
        long takeoverMs = takenAt.values().stream().mapToLong(at -> at - killedAt).max().orElseThrow();
        System.out.printf("ClusterProcessesIT: %d subscriptions of the killed member taken over %d ms after the kill"
                + " (lease %d ms, poll interval %d ms, scan %d ms)%n", orphaned.size(), takeoverMs, LEASE_MS, POLL_MS, SCAN_MS);
        assertThat(takeoverMs).as("takeover time").isLessThanOrEqualTo(LEASE_MS + POLL_MS);
        assertThat(latestEtags(survivor)).as("ETags and last good results after the loss of a member")
                .containsAllEntriesOf(etagsBefore);

        // A live member delivers the killed member's outbox once the receiver is back.
        receiver.answer(request -> Answer.of(204));
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered(receiver).keySet().containsAll(hooked));
        System.out.printf("ClusterProcessesIT: %d webhook deliveries pending on the killed member delivered by a live"
                + " one, the last %d ms after the kill%n", hooked.size(), System.currentTimeMillis() - killedAt);

        // The killed member comes back with its data: it joins again, as a new node of the same cluster.
        int slot = hosts.indexOf(victim);
        HostProcess back = start(victim.name(), victim.httpPort(), clusterPorts[slot], members);
        hosts.set(slot, back);
        back.awaitReady(START);
        await().atMost(Duration.ofSeconds(30)).until(() -> survivor.json("/api/v1/cluster").getJsonArray("members").size() == 3
                && back.json("/api/v1/cluster").getJsonArray("members").size() == 3);
        assertThat(ids(survivor.json("/api/v1/cluster").getJsonArray("members"))).contains(back.nodeId())
                .doesNotContain(victimId);
        // It records what the others delivered for it and sends none of it again: nothing lost, nothing twice.
        await().atMost(Duration.ofSeconds(30)).until(() -> back.json("/api/v1/webhooks/" + sink)
                .getJsonObject("deliveries").getLong("delivered") == WEBHOOK_EVENTS);
        assertThat(back.json("/api/v1/webhooks/" + sink).getJsonObject("deliveries").getLong("pending")).isZero();
        assertThat(delivered(receiver)).hasSize(WEBHOOK_EVENTS)
                .allSatisfy((conversation, copies) -> assertThat(copies).as(conversation).isEqualTo(1L));

        // A verticle in another JVM, with no consumer of its own, has its request served by the hosts.
        client = new ClusterBootstrap(HostConfig.of(TestHosts.config(work.resolve("client"))
                .put("cluster", new JsonObject().put("host", "127.0.0.1").put("port", HostProcess.freePort())
                        .put("members", new JsonArray(List.of(members.split(","))))
                        .put("config", Path.of(System.getProperty("assist.conf.dir", "../conf"), "cluster.xml")
                                .toAbsolutePath().toString())), work.resolve("client")).cluster())
                .start(new VertxOptions(), null).await();
        JsonObject reply = client.eventBus().<JsonObject>request("assist.recommend", new JsonObject()
                        .put("conversationId", "conv-bus").put("query", "refund for a late delivery").put("maxResults", 3),
                new DeliveryOptions().setSendTimeout(10_000)).await().body();
        assertThat(reply.getJsonArray("items")).hasSize(3);
        assertThat(reply.getString("etag")).isNotBlank();
    }

    private static Map<String, Long> delivered(WebhookReceiver receiver) {
        return receiver.accepted().stream().collect(Collectors.groupingBy(
                delivery -> delivery.json().getString("conversationId"), Collectors.counting()));
    }

    private HostProcess start(String name, int httpPort, int clusterPort, String members) throws java.io.IOException {
        Map<String, String> variables = HostProcess.member(clusterPort, members);
        variables.put("ASSIST_SANDBOX_GENERATOR", "false");
        variables.put("ASSIST_RECOMMEND_SUBSCRIPTIONS_LEASE_MS", String.valueOf(LEASE_MS));
        variables.put("ASSIST_RECOMMEND_SUBSCRIPTIONS_SCAN_INTERVAL_MS", String.valueOf(SCAN_MS));
        variables.put("ASSIST_RECOMMEND_SUBSCRIPTIONS_MIN_POLL_INTERVAL_MS", "200");
        variables.put("ASSIST_WEBHOOKS_ALLOW_HOSTS", "127.0.0.1");
        variables.put("ASSIST_WEBHOOKS_INITIAL_BACKOFF_MS", "200");
        variables.put("ASSIST_WEBHOOKS_MAX_BACKOFF_MS", "1000");
        variables.put("ASSIST_WEBHOOKS_POLL_INTERVAL_MS", "200");
        variables.put("ASSIST_WEBHOOKS_BREAKER_RESET_TIMEOUT_MS", "1000");
        return HostProcess.start(work, name, httpPort, TOKEN, variables);
    }

    private static Map<String, Long> perNode(Map<String, String> owners) {
        return owners.values().stream().collect(Collectors.groupingBy(node -> node, Collectors.counting()));
    }

    private static List<String> ids(JsonArray members) {
        return members.stream().map(JsonObject.class::cast).map(member -> member.getString("id")).toList();
    }

    /** Each subscription's owner as {@code host} sees it (absent while nobody holds it). */
    private static Map<String, String> owners(HostProcess host) throws Exception {
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            String owner = host.json("/api/v1/interactions/conv-" + i + "/subscription").getString("owner");
            if (owner != null) {
                owners.put("conv-" + i, owner);
            }
        }
        return owners;
    }

    /** Each subscription's latest ETag as {@code host} serves it. */
    private static Map<String, String> latestEtags(HostProcess host) throws Exception {
        Map<String, String> etags = new HashMap<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            HttpResponse<String> latest = host.send("GET", "/api/v1/interactions/conv-" + i + "/recommendations", null);
            if (latest.statusCode() == 200) {
                etags.put("conv-" + i, latest.headers().firstValue("ETag").orElseThrow());
            }
        }
        return etags;
    }
}
