package io.assisthost.host.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.assisthost.host.testing.WebhookReceiver;
import io.assisthost.host.webhooks.EventTypes;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A webhook receiver goes down for two minutes while recommendations keep coming, two a second, then
 * comes back. With the shipped retry and breaker settings, every event acknowledged before, during and
 * after the outage must reach the receiver exactly once, none dead-lettered, the sink's breaker open
 * during the outage and closed after it. The figures are printed.
 */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class WebhookOutageScenarioTest {

    private static final Duration OUTAGE = Duration.ofMinutes(2);
    private static final long EVENT_EVERY_MS = 500;

    @TempDir
    Path home;

    private final Vertx vertx = BlockedEventLoopGuard.strictVertx();
    private final WebClient client = WebClient.create(vertx);
    private final WebhookReceiver receiver = new WebhookReceiver().start(vertx);
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private HostVerticle host;

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void everyEventOfATwoMinuteOutageIsDeliveredOnceWhenTheReceiverIsBack() throws IOException {
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        // The shipped retry schedule and breaker; only loopback receivers have to be allowed.
        host = TestHosts.deploy(vertx, home, new JsonObject().put("webhooks", new JsonObject()
                .put("allowHosts", new JsonArray().add("127.0.0.1"))));
        String sink = TestHosts.call(client, host, HttpMethod.POST, "/api/v1/webhooks", new JsonObject()
                .put("url", receiver.url()).put("eventTypes", new JsonArray().add(EventTypes.RECOMMENDATIONS_DELIVERED)))
                .bodyAsJsonObject().getString("id");
        AtomicInteger sent = new AtomicInteger();
        long producer = vertx.setPeriodic(EVENT_EVERY_MS, tick -> recommend("conv-" + sent.getAndIncrement()));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() >= 5);
        receiver.stop();
        long down = System.nanoTime();
        int acknowledgedBeforeOutage = acknowledged.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> "OPEN".equals(sinkView(sink).getString("breaker")));
        long openedAfterMs = millisSince(down);

        Promise<Void> back = Promise.promise();
        vertx.setTimer(OUTAGE.toMillis() - openedAfterMs, timer -> back.complete());
        back.future().await();
        receiver.restart(vertx);
        long upAgain = System.nanoTime();
        int acknowledgedDuringOutage = acknowledged.size() - acknowledgedBeforeOutage;
        JsonObject duringOutage = sinkView(sink).getJsonObject("deliveries");
        Promise<Void> stopped = Promise.promise();
        vertx.setTimer(5_000, timer -> {
            vertx.cancelTimer(producer);
            stopped.complete();
        });
        stopped.future().await();

        await().atMost(Duration.ofMinutes(3)).until(() -> deliveredConversations().keySet().containsAll(acknowledged)
                && acknowledged.size() == sent.get() - refused.get());
        long drainedMs = millisSince(upAgain);
        JsonObject view = sinkView(sink);
        JsonArray delivered = TestHosts.call(client, host, HttpMethod.GET, "/api/v1/webhooks/" + sink
                + "/deliveries?limit=500", null).bodyAsJsonObject().getJsonArray("deliveries");
        int attempts = delivered.stream().map(JsonObject.class::cast).mapToInt(row -> row.getInteger("attempts")).sum();
        System.out.printf("webhook outage: receiver down %d s; %d events acknowledged before, %d during, %d in all; sink"
                        + " breaker open %d ms after the receiver went down; at the end of the outage %s; all delivered"
                        + " %d ms after it came back, in %d attempts; duplicates %d; final counts %s, breaker %s%n",
                OUTAGE.toSeconds(), acknowledgedBeforeOutage, acknowledgedDuringOutage, acknowledged.size(), openedAfterMs,
                duringOutage, drainedMs, attempts, receiver.accepted().size() - deliveredConversations().size(),
                view.getJsonObject("deliveries"), view.getString("breaker"));

        assertThat(refused.get()).as("recommendations refused").isZero();
        assertThat(acknowledgedDuringOutage).isGreaterThanOrEqualTo((int) (OUTAGE.toMillis() / EVENT_EVERY_MS) - 10);
        assertThat(deliveredConversations()).as("each event delivered exactly once")
                .allSatisfy((conversation, copies) -> assertThat(copies).isEqualTo(1L));
        assertThat(deliveredConversations().keySet()).isEqualTo(acknowledged);
        assertThat(duringOutage.getLong("pending")).isGreaterThanOrEqualTo(acknowledgedDuringOutage);
        JsonObject counts = view.getJsonObject("deliveries");
        assertThat(counts.getLong("pending")).isZero();
        assertThat(counts.getLong("dead")).isZero();
        assertThat(counts.getLong("delivered")).isEqualTo(acknowledged.size());
        assertThat(view.getString("breaker")).isEqualTo("CLOSED");
        assertThat(receiver.accepted()).allMatch(delivery -> delivery.signature() != null);
    }

    private void recommend(String conversationId) {
        TestHosts.api(client, host, HttpMethod.POST, "/api/v1/recommendations")
                .sendJsonObject(new JsonObject().put("conversationId", conversationId)
                        .put("query", "refund for a late delivery").put("maxResults", 3))
                .onComplete(answer -> {
                    if (answer.succeeded() && answer.result().statusCode() == 200) {
                        acknowledged.add(conversationId);
                    } else {
                        refused.incrementAndGet();
                    }
                });
    }

    private Map<String, Long> deliveredConversations() {
        List<WebhookReceiver.Received> accepted = receiver.accepted();
        return accepted.stream().collect(Collectors.groupingBy(delivery -> delivery.json().getString("conversationId"),
                Collectors.counting()));
    }

    private JsonObject sinkView(String sink) {
        return TestHosts.call(client, host, HttpMethod.GET, "/api/v1/webhooks/" + sink, null).bodyAsJsonObject();
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
