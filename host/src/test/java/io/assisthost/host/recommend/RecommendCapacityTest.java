package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** At {@code recommend.maxInFlight}, more recommendations are refused at once (503) instead of queued. */
@ExtendWith(BlockedEventLoopGuard.class)
class RecommendCapacityTest {

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        host = TestHosts.deploy(vertx, home, new JsonObject().put("recommend", new JsonObject().put("maxInFlight", 3)));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private Future<HttpResponse<Buffer>> recommend(String conversationId) {
        return TestHosts.api(client, host, HttpMethod.POST, "/api/v1/recommendations")
                .sendJsonObject(new JsonObject().put("conversationId", conversationId).put("query", "refund"));
    }

    @Test
    void refusesWhatIsBeyondItsCapacityAndServesAgainOnceThereIsRoom() {
        assertThat(TestHosts.call(client, host, HttpMethod.POST, "/sandbox/faults", new JsonObject().put("target", "*")
                .put("latencyMs", 1_000)).statusCode()).isEqualTo(200);
        List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(recommend("conv-" + i));
        }
        Future.join(answers).otherwiseEmpty().await();
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.result().statusCode(), 1, Integer::sum));

        assertThat(statuses).containsExactly(Map.entry(200, 3), Map.entry(503, 2));
        HttpResponse<Buffer> refused = answers.stream().map(Future::result).filter(a -> a.statusCode() == 503)
                .findFirst().orElseThrow();
        assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.bodyAsJsonObject().getString("detail")).contains("recommend.maxInFlight");

        host.emulator().faults().clear();
        assertThat(recommend("conv-after").await().statusCode()).as("the refused left no trace").isEqualTo(200);
    }

    @Test
    void theBusRefusesWithTheSameCode() {
        assertThat(TestHosts.call(client, host, HttpMethod.POST, "/sandbox/faults", new JsonObject().put("target", "*")
                .put("latencyMs", 1_000)).statusCode()).isEqualTo(200);
        List<Future<Object>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(vertx.eventBus().request(RecommendService.ADDRESS, new JsonObject()
                    .put("conversationId", "bus-" + i).put("query", "refund")).map(reply -> reply.body()));
        }
        Future.join(answers).otherwiseEmpty().await();

        assertThat(answers.stream().filter(Future::succeeded)).hasSize(3);
        assertThat(answers.stream().filter(Future::failed).map(Future::cause)).singleElement()
                .isInstanceOfSatisfying(ReplyException.class, failure -> assertThat(failure.failureCode()).isEqualTo(503));
    }
}
