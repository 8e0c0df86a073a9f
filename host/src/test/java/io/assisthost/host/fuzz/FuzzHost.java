package io.assisthost.host.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestActions;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One real host for a fuzz class: sandbox mode on the test seed, a strict Vert.x whose blocked-thread
 * checker fires after 200 ms, an action {@value #ACTION} deployed and a webhook sink, so that the routes
 * under them get past their lookups to their parsers. Sends raw requests and checks that each bad one is
 * refused the documented way within {@link #BOUND_MS}.
 */
final class FuzzHost implements AutoCloseable {

    /** Largest JSON body: room for the 1–2 MB strings the generators put in fields. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** Largest plugin jar. */
    static final int MAX_UPLOAD_BYTES = 1024 * 1024;
    /** The longest any answer may take, even to a 4 MB body on a loaded two-core machine. */
    static final long BOUND_MS = 10_000;
    static final String ACTION = "fuzz-card";

    private final Path home;
    private final Vertx vertx;
    private final HostVerticle host;
    private final HttpClient client;
    private final BlockedEventLoopGuard guard = new BlockedEventLoopGuard();
    private final AtomicInteger cases = new AtomicInteger();
    private final String sinkId;

    private FuzzHost(Path home) {
        this.home = home;
        this.vertx = BlockedEventLoopGuard.strictVertx();
        this.host = TestHosts.deploy(vertx, home, new JsonObject()
                .put("http", new JsonObject().put("maxBodyBytes", MAX_BODY_BYTES))
                .put("plugins", new JsonObject().put("maxUploadBytes", MAX_UPLOAD_BYTES))
                .put("webhooks", new JsonObject().put("allowHosts", new JsonArray().add("127.0.0.1"))));
        // The JDK's client, not Vert.x's: sent from the host's own Vert.x, thousands of refusals in a row lost
        // an occasional response on the client side, and the client under test must not be the host's.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        JsonObject created = json(send(HttpMethod.POST, "/api/v1/actions", Map.of("Content-Type", "application/json"),
                TestActions.definition(ACTION, "1.0.0", "refund").toBuffer()), 201);
        json(send(HttpMethod.POST, "/api/v1/actions/" + ACTION + "/deploy", Map.of("Content-Type", "application/json",
                "If-Match", "*"), new JsonObject().put("version", created.getString("version", "1.0.0")).toBuffer()), 200);
        this.sinkId = json(send(HttpMethod.POST, "/api/v1/webhooks", Map.of("Content-Type", "application/json"),
                new JsonObject().put("url", "http://127.0.0.1:9/fuzz").put("eventTypes", new JsonArray().add("*"))
                        .toBuffer()), 201).getString("id");
        // From here on every event-loop task counts: the host's start-up is not what is under test.
        guard.beforeEach(null);
    }

    static FuzzHost start() {
        try {
            return new FuzzHost(Files.createTempDirectory("assist-fuzz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw answer: status, headers of interest and body. */
    record Answer(int status, String contentType, String retryAfter, Buffer body) {

        JsonObject json() {
            return new JsonObject(body);
        }

        @Override
        public String toString() {
            String text = body.length() > 600 ? body.getString(0, 600) + "…" : body.toString();
            return status + " " + contentType + " " + text;
        }
    }

    /** Sends a bad request and asserts its refusal (see {@link #assertProblem}); counts it as a case. */
    JsonObject refused(HttpMethod method, String uri, Map<String, String> headers, Buffer body, String description) {
        cases.incrementAndGet();
        return assertProblem(send(method, uri, headers, body, description), method + " " + abbreviated(uri) + " with "
                + description);
    }

    Answer send(HttpMethod method, String uri, Map<String, String> headers, Buffer body) {
        return send(method, uri, headers, body, body == null ? "no body" : body.length() + " bytes");
    }

    private Answer send(HttpMethod method, String uri, Map<String, String> headers, Buffer body, String description) {
        try {
            URI.create(uri);
        } catch (IllegalArgumentException malformed) {
            return sendRaw(method, uri, headers, body, description);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.httpPort() + uri))
                .timeout(Duration.ofMillis(BOUND_MS))
                .header("Authorization", "Bearer " + TestHosts.TOKEN)
                .method(method.name(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body.getBytes()));
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null), Buffer.buffer(response.body()));
        } catch (HttpTimeoutException e) {
            throw new AssertionError(method + " " + abbreviated(uri) + " with " + description + " got no answer within "
                    + BOUND_MS + " ms");
        } catch (IOException e) {
            throw new AssertionError(method + " " + abbreviated(uri) + " with " + description + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends a request whose target no URI class accepts (malformed percent-encoding) over a plain socket. */
    private Answer sendRaw(HttpMethod method, String uri, Map<String, String> headers, Buffer body, String description) {
        try (Socket socket = new Socket("127.0.0.1", host.httpPort())) {
            socket.setSoTimeout((int) BOUND_MS);
            Buffer request = Buffer.buffer(method.name() + " " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TestHosts.TOKEN + "\r\nConnection: close\r\n"
                    + "Content-Length: " + (body == null ? 0 : body.length()) + "\r\n");
            headers.forEach((name, value) -> request.appendString(name + ": " + value + "\r\n"));
            request.appendString("\r\n").appendBuffer(body == null ? Buffer.buffer() : body);
            socket.getOutputStream().write(request.getBytes());
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headersEnd);
            return new Answer(Integer.parseInt(head.substring(9, 12)), header(head, "Content-Type"),
                    header(head, "Retry-After"), Buffer.buffer(response.substring(headersEnd + 4)));
        } catch (SocketTimeoutException e) {
            throw new AssertionError(method + " " + abbreviated(uri) + " with " + description + " got no answer within "
                    + BOUND_MS + " ms");
        } catch (IOException e) {
            throw new AssertionError(method + " " + abbreviated(uri) + " with " + description + " failed: " + e, e);
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    /** Asserts the refusal of a bad request: a 4xx problem+json with status, title and detail. */
    static JsonObject assertProblem(Answer answer, String request) {
        assertThat(answer.status()).as("status of %s: %s", request, answer).isBetween(400, 499);
        assertThat(answer.contentType()).as("Content-Type of %s: %s", request, answer).isEqualTo("application/problem+json");
        JsonObject problem = answer.json();
        assertThat(problem.getInteger("status")).as("problem of %s", request).isEqualTo(answer.status());
        assertThat(problem.getString("title")).as("problem of %s", request).isNotBlank();
        assertThat(problem.getString("detail")).as("problem of %s", request).isNotBlank();
        return problem;
    }

    /** Sends a request on the bus and asserts it is refused with a 4xx failure code and a message. */
    ReplyException assertBusRefusal(String address, Object body, String request) {
        cases.incrementAndGet();
        Future<?> reply = vertx.eventBus().request(address, body, new DeliveryOptions().setSendTimeout(BOUND_MS));
        Throwable failure;
        try {
            reply.await(BOUND_MS + 1_000, TimeUnit.MILLISECONDS);
            throw new AssertionError(request + " on " + address + " was answered, not refused");
        } catch (TimeoutException e) {
            throw new AssertionError(request + " on " + address + " got no reply within " + BOUND_MS + " ms");
        } catch (ReplyException e) {
            failure = e;
        }
        ReplyException refusal = (ReplyException) failure;
        assertThat(refusal.failureType()).as("failure of %s on %s: %s", request, address, refusal.getMessage())
                .isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
        assertThat(refusal.failureCode()).as("failure code of %s on %s: %s", request, address, refusal.getMessage())
                .isBetween(400, 499);
        assertThat(refusal.getMessage()).as("message of %s on %s", request, address).isNotBlank();
        return refusal;
    }

    String nodeId() {
        return json(send(HttpMethod.GET, "/health", Map.of(), null), 200).getString("node");
    }

    int port() {
        return host.httpPort();
    }

    String sinkId() {
        return sinkId;
    }

    int cases() {
        return cases.get();
    }

    /**
     * Checks that the host still answers {@code /health} and that no event loop was blocked, then
     * stops the host and removes its files.
     */
    @Override
    public void close() {
        try {
            json(send(HttpMethod.GET, "/health", Map.of(), null), 200);
            guard.afterEach(null);
        } finally {
            vertx.close().await();
            delete(home);
        }
    }

    private static JsonObject json(Answer answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        return answer.json();
    }

    static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "… (" + text.length() + " characters)" : text;
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
