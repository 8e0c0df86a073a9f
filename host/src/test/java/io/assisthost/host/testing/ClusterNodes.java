package io.assisthost.host.testing;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.cluster.ClusterBootstrap;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.metrics.Metrics;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/** Cluster members for tests: each a clustered Vert.x with a live-mode host pointed at a shared emulator. */
public final class ClusterNodes {

    private static final Path CONF = Path.of(System.getProperty("assist.conf.dir", "../conf"));

    /** One member and an HTTP client for its API. */
    public record Node(Vertx vertx, HostVerticle host, WebClient client) {

        public HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) {
            HttpRequest<Buffer> request = TestHosts.api(client, host, method, path);
            return (body == null ? request.send() : request.sendJsonObject(body)).await();
        }

        /** The node id the member reports on {@code /health}. */
        public String id() {
            return call(HttpMethod.GET, "/health", null).bodyAsJsonObject().getString("node");
        }
    }

    private ClusterNodes() {
    }

    /**
     * Closes every Vert.x given, one after the other in the order given (members before the emulator they
     * talk to, so none stops while another is leaving), skipping those never started or already closed
     * ({@code null}).
     */
    public static void closeAll(Vertx... instances) {
        for (Vertx vertx : instances) {
            if (vertx != null) {
                vertx.close().await();
            }
        }
    }

    /**
     * Starts a member under {@code home/name} with the bundled plugins, joining {@code members} (host:port
     * entries) on {@code clusterPort}.
     */
    public static Node start(Path home, String name, int clusterPort, JsonArray members, GenesysEmulator emulator)
            throws IOException {
        return start(home, name, clusterPort, members, emulator, new JsonObject());
    }

    /** A node as {@link #start(Path, String, int, JsonArray, GenesysEmulator)} starts it, with more settings. */
    public static Node start(Path home, String name, int clusterPort, JsonArray members, GenesysEmulator emulator,
                             JsonObject settings) throws IOException {
        Path nodeHome = home.resolve(name);
        TestHosts.installBundledPlugins(nodeHome.resolve("plugins"));
        JsonObject overrides = TestHosts.config(nodeHome)
                .put("mode", "live")
                .put("genesys", new JsonObject().put("apiBase", emulator.baseUrl()).put("loginBase", emulator.baseUrl())
                        .put("clientId", GenesysSandbox.CLIENT_ID).put("clientSecret", GenesysSandbox.CLIENT_SECRET)
                        .put("knowledgeBases", new JsonObject().put("primary", GenesysSandbox.PRIMARY)
                                .put("fallback", GenesysSandbox.FALLBACK)))
                .put("cluster", new JsonObject().put("port", clusterPort).put("members", members)
                        .put("config", CONF.resolve("cluster.xml").toAbsolutePath().toString()))
                .mergeIn(settings, true);
        HostConfig config = HostConfig.of(overrides, nodeHome);
        Vertx vertx = new ClusterBootstrap(config.cluster()).start(new VertxOptions(), null).await();
        HostVerticle host = new HostVerticle(config, new Metrics(), Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        vertx.deployVerticle(host).await();
        return new Node(vertx, host, WebClient.create(vertx));
    }
}
