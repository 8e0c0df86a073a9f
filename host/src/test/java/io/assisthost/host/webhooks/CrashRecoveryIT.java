package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host process killed with SIGKILL in the middle of a stream of recommendations and their webhook
 * deliveries, then restarted on the same data: every recommendation the API acknowledged reaches the
 * receiver at least once, de-duplicable by {@code webhook-id}, and the audit log still verifies.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashRecoveryIT {

    private static final Path DISTRIBUTION = Path.of(System.getProperty("assist.test.distribution", "target/assist-host"));
    private static final int REQUESTS = 400;

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Vertx vertx = Vertx.vertx();
    private Process process;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
        vertx.close().await();
    }

    @Test
    void everyAcknowledgedEventIsDeliveredAfterAKill() throws Exception {
        Map<String, Set<String>> idsByConversation = new ConcurrentHashMap<>();
        AtomicBoolean slow = new AtomicBoolean(true);
        HttpServer receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonObject event = body.toJsonObject();
            idsByConversation.computeIfAbsent(event.getString("conversationId"), c -> ConcurrentHashMap.newKeySet())
                    .add(request.getHeader("webhook-id"));
            // Slow before the kill, so that deliveries are still pending when the process dies.
            vertx.setTimer(slow.get() ? 150 : 1, t -> request.response().setStatusCode(204).end());
        })).listen(0, "127.0.0.1").await();

        int port = freePort();
        int clusterPort = freePort();
        start(port, clusterPort, "first.log");
        String token = Files.readString(work.resolve("data/api-token")).trim();
        HttpResponse<String> sink = send(port, token, "POST", "/api/v1/webhooks", new JsonObject()
                .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hooks")
                .put("eventTypes", List.of("agentassist.recommendations.delivered")));
        assertThat(sink.statusCode()).as(sink.body()).isEqualTo(201);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<Void> killed = new CompletableFuture<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String conversationId = "crash-" + i;
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/recommendations"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("conversationId", conversationId)
                            .put("query", "refund for a late delivery").put("maxResults", 3).encode())).build();
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                if (response != null && response.statusCode() == 200) {
                    acknowledged.add(conversationId);
                    if (answered.incrementAndGet() == REQUESTS / 3) {
                        process.destroyForcibly();
                        killed.complete(null);
                    }
                }
                return null;
            }));
        }
        killed.get(60, TimeUnit.SECONDS);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
        int deliveredBeforeRestart = idsByConversation.size();
        assertThat(deliveredBeforeRestart).as("deliveries were still pending at the kill").isLessThan(acknowledged.size());

        slow.set(false);
        start(port, clusterPort, "second.log");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> idsByConversation.keySet().containsAll(acknowledged));
        for (String conversationId : acknowledged) {
            assertThat(idsByConversation.get(conversationId)).as(conversationId).hasSize(1);
        }
        JsonObject verified = new JsonObject(send(port, token, "GET", "/api/v1/audit/verify", null).body());
        assertThat(verified.getBoolean("valid")).isTrue();
        assertThat(verified.getLong("entries")).isGreaterThanOrEqualTo(acknowledged.size());
    }

    private void start(int port, int clusterPort, String logName) throws Exception {
        Files.createDirectories(work.resolve("plugins"));
        ProcessBuilder builder = new ProcessBuilder(DISTRIBUTION.resolve("bin/assist-host").toAbsolutePath().toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(logName).toFile());
        Map<String, String> env = builder.environment();
        env.put("ASSIST_HTTP_PORT", String.valueOf(port));
        env.put("ASSIST_DATA_DIR", work.resolve("data").toString());
        env.put("ASSIST_PLUGINS_DIR", DISTRIBUTION.resolve("plugins").toAbsolutePath().toString());
        env.put("ASSIST_CLUSTER_PORT", String.valueOf(clusterPort));
        env.put("ASSIST_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
        env.put("ASSIST_SANDBOX_GENERATOR", "false");
        env.put("ASSIST_WEBHOOKS_ALLOW_HOSTS", "127.0.0.1");
        env.put("ASSIST_WEBHOOKS_POLL_INTERVAL_MS", "100");
        env.put("JAVA_OPTS", "-Xmx256m");
        process = builder.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ready(port));
    }

    private boolean ready(int port) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private HttpResponse<String> send(int port, String token, String method, String path, JsonObject body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
