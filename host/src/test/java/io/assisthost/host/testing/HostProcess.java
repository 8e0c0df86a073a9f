package io.assisthost.host.testing;

import static org.awaitility.Awaitility.await;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A host started from the packaged distribution in its own JVM, as an operator starts it
 * ({@code bin/assist-host} with {@code ASSIST_*} variables), with its output in a log file and a
 * small HTTP client for its API.
 */
public final class HostProcess implements AutoCloseable {

    /** The distribution the build assembled. */
    public static final Path DISTRIBUTION = Path.of(System.getProperty("assist.test.distribution", "target/assist-host"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Path home;
    private String token;
    private final Process process;

    private HostProcess(String name, int httpPort, Path home, String token, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.home = home;
        this.token = token;
        this.process = process;
    }

    /**
     * Starts {@code bin/assist-host} with its data under {@code work/name} and the given variables
     * (each also overrides those set here: port, data dir, heap).
     *
     * @param token the API token ({@code ASSIST_API_TOKEN}), or {@code null} to let the host generate one
     */
    public static HostProcess start(Path work, String name, int httpPort, String token, Map<String, String> variables)
            throws IOException {
        Path home = Files.createDirectories(work.resolve(name));
        Path log = home.resolve("host.log");
        ProcessBuilder builder = new ProcessBuilder(DISTRIBUTION.resolve("bin/assist-host").toAbsolutePath().toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("ASSIST_HTTP_PORT", String.valueOf(httpPort));
        env.put("ASSIST_DATA_DIR", home.resolve("data").toString());
        env.put("JAVA_OPTS", "-Xmx256m");
        if (token != null) {
            env.put("ASSIST_API_TOKEN", token);
        }
        env.putAll(variables);
        return new HostProcess(name, httpPort, home, token, builder.start());
    }

    /** A port nobody listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path log() {
        return home.resolve("host.log");
    }

    /** The API token: the one given at start, else the one the host generated in its data dir. */
    public String token() throws IOException {
        if (token == null) {
            token = Files.readString(home.resolve("data/api-token")).trim();
        }
        return token;
    }

    public Process process() {
        return process;
    }

    /** Waits until {@code /ready} answers 200. */
    public HostProcess awaitReady(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> status("/ready") == 200);
        return this;
    }

    /** Sends a request (with the API token under {@code /api} and {@code /sandbox}); a non-null body is sent as JSON. */
    public HttpResponse<String> send(String method, String path, JsonObject body) throws IOException, InterruptedException {
        boolean open = path.equals("/ready") || path.equals("/health");
        return send(method, path, body, open ? null : token());
    }

    /** Sends a request with {@code bearer} as the token ({@code null}: none). */
    public HttpResponse<String> send(String method, String path, JsonObject body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET path} with the token, as JSON. */
    public JsonObject json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", path, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + response.statusCode() + " to " + path + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    /** The status of {@code GET path}, or -1 while nothing answers (or before the token exists). */
    public int status(String path) {
        try {
            return send("GET", path, null).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The node id the host reports on {@code /health}. */
    public String nodeId() throws IOException, InterruptedException {
        return json("/health").getString("node");
    }

    /** Kills the JVM at once (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the host with SIGTERM; completes with whether it exited within {@code atMost}. */
    public boolean stop(Duration atMost) throws InterruptedException {
        process.destroy();
        return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The variables a member of a cluster on 127.0.0.1 needs. */
    public static Map<String, String> member(int clusterPort, String members) {
        Map<String, String> variables = new HashMap<>();
        variables.put("ASSIST_CLUSTER_PORT", String.valueOf(clusterPort));
        variables.put("ASSIST_CLUSTER_MEMBERS", members);
        return variables;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
