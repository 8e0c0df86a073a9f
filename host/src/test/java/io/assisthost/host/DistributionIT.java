package io.assisthost.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.testing.HostProcess;
import io.assisthost.host.testing.PluginJarBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution as an operator runs it: {@code bin/assist-host} from another working
 * directory, the bundled plugin jars plus a garbage jar, a clean stop on SIGTERM.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DistributionIT {

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private HostProcess host;
    private Process process;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (host != null) {
            host.close();
        }
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void startsWithTheBundledPluginsReportsABrokenJarAndStopsCleanlyOnSigterm() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> bundled = Files.list(HostProcess.DISTRIBUTION.resolve("plugins"))) {
            for (Path jar : bundled.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        PluginJarBuilder.writeGarbage(plugins, "broken.jar");
        int port = HostProcess.freePort();
        int clusterPort = HostProcess.freePort();
        Map<String, String> variables = HostProcess.member(clusterPort, "127.0.0.1:" + clusterPort);
        variables.put("ASSIST_PLUGINS_DIR", plugins.toString());
        variables.put("ASSIST_SANDBOX_UTTERANCE_INTERVAL_MS", "300");
        host = HostProcess.start(work, "elsewhere", port, null, variables).awaitReady(Duration.ofSeconds(60));
        String token = host.token();
        assertThat(Files.readString(host.log())).contains(token);

        JsonArray list = host.json("/api/v1/plugins").getJsonArray("plugins");
        Map<String, JsonObject> byId = list.stream().map(JsonObject.class::cast)
                .collect(Collectors.toMap(p -> p.getString("id"), p -> p));
        assertThat(byId.keySet()).containsExactlyInAnyOrder(
                "semantic-scorer", "rule-filter", "fallback-strategies", "http-webhook", "broken.jar");
        assertThat(byId.get("broken.jar").getString("state")).isEqualTo("FAILED");
        assertThat(byId.get("broken.jar").getString("error")).contains("not a readable jar");
        Set<String> points = byId.values().stream()
                .filter(p -> "STARTED".equals(p.getString("state")))
                .flatMap(p -> p.getJsonArray("extensions").stream())
                .map(e -> ((JsonObject) e).getString("point"))
                .collect(Collectors.toSet());
        assertThat(points).containsExactlyInAnyOrder("Scorer", "RecommendationFilter", "FallbackStrategy", "WebhookSink");
        assertThat(host.send("GET", "/api/v1/plugins", null, "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> recommended = host.send("POST", "/api/v1/recommendations", new JsonObject()
                .put("conversationId", "dist-1").put("query", "refund for a late delivery").put("maxResults", 3));
        assertThat(recommended.statusCode()).isEqualTo(200);
        JsonObject recommendation = new JsonObject(recommended.body());
        assertThat(recommendation.getJsonArray("items")).hasSize(3);
        assertThat(recommendation.getJsonArray("items").getJsonObject(0).getJsonObject("scores").fieldNames())
                .containsExactlyInAnyOrder("relevance", "semantic");
        assertThat(recommended.headers().firstValue("ETag")).contains(recommendation.getString("etag"));

        JsonObject cluster = host.json("/api/v1/cluster");
        assertThat(cluster.getString("mode")).isEqualTo("sandbox");
        assertThat(cluster.getJsonObject("sandbox").getInteger("port")).isPositive();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                host.json("/api/v1/cluster").getJsonObject("genesys").getJsonObject("transcripts")
                        .getLong("eventsReceived") > 0);

        assertThat(host.stop(Duration.ofSeconds(40))).as("host exits after SIGTERM").isTrue();
        assertThat(host.process().exitValue()).isEqualTo(143);
        String output = Files.readString(host.log());
        assertThat(output).contains("Plugin semantic-scorer stopped").contains("assist-host stopped");
        assertThat(output).doesNotContain("Thread blocked");
        assertThat(output).as("the console's address, for a browser").contains(" Console: http://localhost:" + port + "/ ");
    }

    @Test
    void theEmulatorRunsOnItsOwn() throws Exception {
        int port = HostProcess.freePort();
        Path log = work.resolve("emulator.log");
        process = new ProcessBuilder(HostProcess.DISTRIBUTION.resolve("bin/genesys-emulator").toAbsolutePath().toString(),
                String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpRequest token = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("assist-sandbox:assist-sandbox-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                return http.send(token, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
        String accessToken = new JsonObject(http.send(token, HttpResponse.BodyHandlers.ofString()).body())
                .getString("access_token");
        HttpResponse<String> bases = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v2/knowledge/knowledgebases"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(new JsonObject(bases.body()).getJsonArray("entities")).hasSize(2);
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
