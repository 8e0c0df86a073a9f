package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.metrics.Metrics;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.assisthost.host.testing.PluginJarBuilder;
import io.assisthost.host.testing.TestPlugins;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of a whole host, over real HTTP: auth, problem+json for every error class, plugin routes. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiTest {

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;
    private String deploymentId;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        TestPlugins.good(home.resolve("plugins"), "good");
        deploy();
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private void deploy() {
        HostConfig config = HostConfig.of(new JsonObject()
                .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("maxBodyBytes", 1024))
                .put("plugins", new JsonObject().put("maxUploadBytes", 1_000_000))
                .put("sandbox", new JsonObject()
                        .put("seed", GenesysSandbox.resource("knowledge.json").toString())
                        .put("conversations", GenesysSandbox.resource("conversations.json").toString())
                        .put("generator", false)), home);
        host = new HostVerticle(config, new Metrics(), Clock.systemUTC(),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        deploymentId = vertx.deployVerticle(host).await();
    }

    private HttpRequest<Buffer> request(HttpMethod method, String path) {
        return client.request(method, host.httpPort(), "127.0.0.1", path);
    }

    private HttpRequest<Buffer> authorized(HttpMethod method, String path) {
        return request(method, path).bearerTokenAuthentication(host.apiToken());
    }

    private static JsonObject problem(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonObject problem = response.bodyAsJsonObject();
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("type")).isEqualTo("about:blank");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
        return problem;
    }

    @Test
    void healthAndReadinessAreOpen() {
        HttpResponse<Buffer> health = request(HttpMethod.GET, "/health").send().await();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.bodyAsJsonObject().getString("status")).isEqualTo("UP");
        HttpResponse<Buffer> ready = request(HttpMethod.GET, "/ready").send().await();
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getMap())
                .containsEntry("cluster", "UP").containsEntry("plugins", "UP").containsEntry("genesys", "UP")
                .containsEntry("store", "UP");
    }

    @Test
    void metricsAreOpenPrometheusText() {
        HttpResponse<Buffer> metrics = request(HttpMethod.GET, "/metrics").send().await();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain");
    }

    @Test
    void apiNeedsTheRightBearerToken() {
        JsonObject missing = problem(request(HttpMethod.GET, "/api/v1/plugins").send().await(), 401);
        assertThat(missing.getString("instance")).isEqualTo("/api/v1/plugins");
        HttpResponse<Buffer> wrong = request(HttpMethod.GET, "/api/v1/plugins").bearerTokenAuthentication("not-it").send().await();
        problem(wrong, 401);
        assertThat(wrong.getHeader("WWW-Authenticate")).startsWith("Bearer");
        HttpResponse<Buffer> prefixOnly = request(HttpMethod.GET, "/api/v1/plugins")
                .bearerTokenAuthentication(host.apiToken().substring(0, 10)).send().await();
        problem(prefixOnly, 401);
        assertThat(authorized(HttpMethod.GET, "/api/v1/plugins").send().await().statusCode()).isEqualTo(200);
    }

    @Test
    void generatedTokenIsPrintedOnceKeptInTheDataDirAndReused() throws IOException {
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(host.apiToken());
        Path file = home.resolve("data").resolve(ApiTokenStore.FILE_NAME);
        assertThat(Files.readString(file).trim()).isEqualTo(host.apiToken());
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString).containsOnly("OWNER_READ", "OWNER_WRITE");

        String token = host.apiToken();
        vertx.undeploy(deploymentId).await();
        console.reset();
        deploy();
        assertThat(host.apiToken()).isEqualTo(token);
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(token);
    }

    @Test
    void everyErrorClassIsProblemJson() {
        problem(authorized(HttpMethod.GET, "/api/v1/nothing-here").send().await(), 404);
        problem(request(HttpMethod.GET, "/no-such-page").send().await(), 404);
        problem(authorized(HttpMethod.DELETE, "/api/v1/plugins").send().await(), 405);
        problem(authorized(HttpMethod.POST, "/api/v1/plugins/good/stop")
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"pad\":\"" + "x".repeat(2000) + "\"}")).await(), 413);
        problem(authorized(HttpMethod.POST, "/api/v1/plugins/good/stop")
                .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("stop")).await(), 415);
        JsonObject malformed = problem(authorized(HttpMethod.POST, "/api/v1/plugins/good/stop")
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"unclosed\": ")).await(), 400);
        assertThat(malformed.getString("detail")).startsWith("malformed JSON");
        problem(authorized(HttpMethod.POST, "/api/v1/plugins")
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{}")).await(), 415);
    }

    @Test
    void listsPluginsWithTheirExtensionsAndRunsTheirLifecycle() {
        JsonObject plugin = authorized(HttpMethod.GET, "/api/v1/plugins").send().await()
                .bodyAsJsonObject().getJsonArray("plugins").getJsonObject(0);
        assertThat(plugin.getString("id")).isEqualTo("good");
        assertThat(plugin.getString("state")).isEqualTo("STARTED");
        assertThat(plugin.getJsonArray("extensions").getJsonObject(0).getString("point")).isEqualTo("Scorer");
        assertThat(plugin.getJsonObject("failures").getLong("total")).isZero();
        assertThat(plugin.getJsonObject("quarantine").getBoolean("active")).isFalse();

        HttpResponse<Buffer> stopped = authorized(HttpMethod.POST, "/api/v1/plugins/good/stop").send().await();
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(stopped.bodyAsJsonObject().getString("state")).isEqualTo("STOPPED");
        problem(authorized(HttpMethod.POST, "/api/v1/plugins/good/stop").send().await(), 409);
        assertThat(authorized(HttpMethod.POST, "/api/v1/plugins/good/start").send().await()
                .bodyAsJsonObject().getString("state")).isEqualTo("STARTED");
        assertThat(authorized(HttpMethod.POST, "/api/v1/plugins/good/reload").send().await().statusCode()).isEqualTo(200);
        problem(authorized(HttpMethod.POST, "/api/v1/plugins/ghost/start").send().await(), 404);
    }

    @Test
    void uploadsAPluginJar() throws IOException {
        Path jar = TestPlugins.everyPoint("uploaded").writeTo(home.resolve("build"));
        HttpResponse<Buffer> created = authorized(HttpMethod.POST, "/api/v1/plugins")
                .putHeader("Content-Type", "application/java-archive")
                .sendBuffer(Buffer.buffer(Files.readAllBytes(jar))).await();
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/plugins/uploaded");
        assertThat(created.bodyAsJsonObject().getJsonArray("extensions").stream()
                .map(e -> ((JsonObject) e).getString("point")))
                .containsExactlyInAnyOrder("Scorer", "RecommendationFilter", "FallbackStrategy", "WebhookSink");

        Path garbage = PluginJarBuilder.writeGarbage(home.resolve("build"), "garbage.jar");
        JsonObject rejected = problem(authorized(HttpMethod.POST, "/api/v1/plugins")
                .putHeader("Content-Type", "application/java-archive")
                .sendBuffer(Buffer.buffer(Files.readAllBytes(garbage))).await(), 400);
        assertThat(rejected.getString("detail")).contains("not a readable jar");
        problem(authorized(HttpMethod.POST, "/api/v1/plugins")
                .putHeader("Content-Type", "application/java-archive")
                .sendBuffer(Buffer.buffer(new byte[1_000_001])).await(), 413);
    }

    @Test
    void clusterViewNamesThisNodeAndTheSharedMaps() {
        JsonObject cluster = authorized(HttpMethod.GET, "/api/v1/cluster").send().await().bodyAsJsonObject();
        assertThat(cluster.getJsonObject("self").getString("id")).isNotBlank();
        assertThat(cluster.getJsonArray("members")).hasSize(1);
        assertThat(cluster.getJsonArray("maps").stream().map(m -> ((JsonObject) m).getString("name")))
                .containsExactly("assist.etags", "assist.results", "assist.subscriptions", "assist.leases", "assist.actions",
                        "assist.triggers", "assist.webhooks.sinks", "assist.webhooks.pending",
                        "assist.webhooks.settled");
    }

    @Test
    void servesTheConsoleAtTheRoot() {
        HttpResponse<Buffer> index = request(HttpMethod.GET, "/").send().await();
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.bodyAsString()).contains("<title>assist-host</title>");
        assertThat(index.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(index.getHeader("Content-Security-Policy")).startsWith("default-src 'self'; script-src 'self';")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(index.getHeader("X-Frame-Options")).isEqualTo("DENY");
        HttpResponse<Buffer> script = request(HttpMethod.HEAD, "/console.js").send().await();
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.getHeader("Content-Security-Policy")).isEqualTo(index.getHeader("Content-Security-Policy"));

        java.util.regex.Matcher chart = java.util.regex.Pattern.compile("src=\"(webjars/chart\\.js/[^\"]+/chart\\.umd\\.js)\"")
                .matcher(index.bodyAsString());
        assertThat(chart.find()).as("index.html loads Chart.js from its WebJar").isTrue();
        HttpResponse<Buffer> library = request(HttpMethod.GET, "/" + chart.group(1)).send().await();
        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(library.bodyAsString()).contains("Chart.js");
        assertThat(library.getHeader("Content-Security-Policy")).isEqualTo(index.getHeader("Content-Security-Policy"));
        assertThat(library.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }
}
