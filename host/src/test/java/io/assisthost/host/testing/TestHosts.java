package io.assisthost.host.testing;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.metrics.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/** Whole hosts for tests: sandbox mode on the test seed, fast timings, a fixed API token. */
public final class TestHosts {

    public static final String TOKEN = "test-api-token";
    public static final List<String> BUNDLED = List.of("semantic-scorer", "rule-filter", "fallback-strategies", "http-webhook");

    private TestHosts() {
    }

    /**
     * Sandbox on the test seed, generator off, no sample actions, the shipped browser matrix, breakers
     * and subscriptions on short timings.
     */
    public static JsonObject config(Path home) {
        return new JsonObject()
                .put("http", new JsonObject().put("host", "127.0.0.1").put("port", 0))
                .put("api", new JsonObject().put("token", TOKEN))
                .put("plugins", new JsonObject().put("dir", home.resolve("plugins").toString()))
                .put("sandbox", new JsonObject()
                        .put("seed", GenesysSandbox.resource("knowledge.json").toString())
                        .put("conversations", GenesysSandbox.resource("conversations.json").toString())
                        .put("generator", false))
                .put("actions", new JsonObject()
                        .put("browsers", Path.of(System.getProperty("assist.conf.dir", "../conf"), "browsers.json")
                                .toAbsolutePath().normalize().toString()))
                .put("recommend", new JsonObject()
                        .put("breaker", new JsonObject().put("maxFailures", 3).put("timeoutMs", 2_000).put("resetTimeoutMs", 800))
                        .put("subscriptions", new JsonObject().put("minPollIntervalMs", 50).put("scanIntervalMs", 100)
                                .put("leaseMs", 1_000)));
    }

    public static HostVerticle deploy(Vertx vertx, Path home, JsonObject overrides) {
        return deploy(vertx, home, overrides, Clock.systemUTC());
    }

    public static HostVerticle deploy(Vertx vertx, Path home, JsonObject overrides, Clock clock) {
        HostVerticle host = new HostVerticle(HostConfig.of(config(home).mergeIn(overrides, true), home), new Metrics(),
                clock, new PrintStream(OutputStream.nullOutputStream()));
        vertx.deployVerticle(host).await();
        return host;
    }

    /** Copies the bundled plugin jars, as the reactor built them, into a plugins folder. */
    public static void installBundledPlugins(Path pluginsDir) throws IOException {
        Path build = Path.of(System.getProperty("assist.test.pluginsBuild", "../plugins"));
        Files.createDirectories(pluginsDir);
        for (String plugin : BUNDLED) {
            try (Stream<Path> jars = Files.list(build.resolve(plugin).resolve("target"))) {
                Path jar = jars.filter(p -> p.getFileName().toString().matches(plugin + "-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                        .findFirst().orElseThrow(() -> new IllegalStateException("build " + plugin + " first"));
                Files.copy(jar, pluginsDir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Sends a request to a test host's API with its token, with a JSON body unless it is {@code null}. */
    public static io.vertx.ext.web.client.HttpResponse<Buffer> call(WebClient client, HostVerticle host, HttpMethod method,
                                                                    String path, JsonObject body) {
        HttpRequest<Buffer> request = api(client, host, method, path);
        return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    /** A request to a test host's API with its token. */
    public static HttpRequest<Buffer> api(WebClient client, HostVerticle host, HttpMethod method, String path) {
        return client.request(method, host.httpPort(), "127.0.0.1", path).bearerTokenAuthentication(TOKEN);
    }
}
