package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bad input the API once took or answered with a 500 or not at all; each is now a 4xx problem+json. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputApiTest {

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        host = TestHosts.deploy(vertx, home, new JsonObject()
                .put("http", new JsonObject().put("maxBodyBytes", 1024))
                .put("webhooks", new JsonObject().put("allowHosts", new JsonArray().add("127.0.0.1"))));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void refusesAFormBodyInsteadOfTakingItForNone() {
        HttpResponse<Buffer> response = TestHosts.api(client, host, HttpMethod.PUT, "/api/v1/interactions/c-1/subscription")
                .putHeader("Content-Type", "multipart/form-data; boundary=x")
                .sendBuffer(Buffer.buffer("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n")).await();

        problem(response, 415);
    }

    @Test
    void refusesMalformedPercentEncodingInPathsAndQueries() throws IOException {
        assertThat(raw("GET /api/v1/interactions/%/subscription")).startsWith("HTTP/1.1 400");
        assertThat(raw("GET /api/v1/audit?limit=%zz")).startsWith("HTTP/1.1 400");
        assertThat(raw("PUT /api/v1/interactions/%C3%28/subscription")).startsWith("HTTP/1.1 400");
    }

    @Test
    void answersARequestLineOrHeadersTooLongForTheServerAsProblems() throws IOException {
        String longLine = raw("GET /api/v1/interactions/" + "x".repeat(5_000) + "/subscription");
        // The decoder could not read the version either, so the answer is HTTP/1.0.
        assertThat(longLine).matches("(?s)HTTP/1\\.[01] 414 .*").contains("application/problem+json")
                .contains("X-Content-Type-Options: nosniff").contains("\"status\":414");
        String notHttp = raw("GET /health HTTP/9.9 extra");
        assertThat(notHttp).matches("(?s)HTTP/1\\.[01] 400 .*").contains("application/problem+json");
        assertThat(TestHosts.call(client, host, HttpMethod.GET, "/api/v1/actions", null).statusCode()).isEqualTo(200);
    }

    @Test
    void answersAnOversizedBodyAndKeepsServing() throws IOException {
        String answer = raw("POST /api/v1/transcripts", "{\"text\":\"" + "x".repeat(64 * 1024) + "\"}");

        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        assertThat(TestHosts.call(client, host, HttpMethod.GET, "/api/v1/actions", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesARetiredFlagThatIsNeitherTrueNorFalse() {
        problem(TestHosts.call(client, host, HttpMethod.GET, "/api/v1/actions?retired=yes", null), 400);
        assertThat(TestHosts.call(client, host, HttpMethod.GET, "/api/v1/actions?retired=false", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesUnknownReplayFieldsAndForeignSinkIds() {
        String id = TestHosts.call(client, host, HttpMethod.POST, "/api/v1/webhooks",
                new JsonObject().put("url", "http://127.0.0.1:9/hook")).bodyAsJsonObject().getString("id");

        problem(TestHosts.call(client, host, HttpMethod.POST, "/api/v1/webhooks/" + id + "/replay",
                new JsonObject().put("deadLetters", true).put("sink", "other")), 400);
        problem(TestHosts.call(client, host, HttpMethod.PUT, "/api/v1/webhooks/" + id,
                new JsonObject().put("id", 42).put("description", "x")), 400);
        assertThat(TestHosts.call(client, host, HttpMethod.PUT, "/api/v1/webhooks/" + id,
                new JsonObject().put("id", id).put("description", "x")).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnArticleEngagementWithAMalformedSearchId() {
        JsonObject event = new JsonObject().put("type", "dismissed").put("conversationId", "c-1")
                .put("document", new JsonObject().put("knowledgeBaseId", "kb").put("documentId", "d").put("searchId", 42));

        problem(TestHosts.call(client, host, HttpMethod.POST, "/api/v1/engagements", event), 400);
    }

    @Test
    void answersMalformedMessagesOnTheNodeEngagementAddresses() {
        String node = TestHosts.call(client, host, HttpMethod.GET, "/health", null).bodyAsJsonObject().getString("node");

        for (String address : new String[] {"assist.engagements.node." + node, "assist.engagements.aggregates." + node}) {
            assertThatThrownBy(() -> vertx.eventBus().request(address, "not an object").await())
                    .as(address).isInstanceOfSatisfying(ReplyException.class,
                            failure -> assertThat(failure.failureCode()).isEqualTo(400));
        }
    }

    private String raw(String requestLine) throws IOException {
        return raw(requestLine, "");
    }

    /** A request over a plain socket: URI classes refuse to send a malformed target. */
    private String raw(String requestLine, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", host.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestHosts.TOKEN
                    + "\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void problem(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo(Problems.MEDIA_TYPE);
        assertThat(response.bodyAsJsonObject().getString("detail")).isNotBlank();
    }
}
