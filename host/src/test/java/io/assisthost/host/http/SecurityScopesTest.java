package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestActions;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Read and admin tokens on a whole host: what each may do, and who the audit log says did it. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityScopesTest {

    private static final String DESK = "desk-read-token-0123456789";
    private static final String OPS = "ops-admin-token-0123456789";

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        Path opsFile = Files.writeString(home.resolve("ops.token"), OPS + "\n");
        host = TestHosts.deploy(vertx, home, new JsonObject().put("api", new JsonObject().put("tokens", new JsonArray()
                .add(new JsonObject().put("name", "desk").put("scope", "read").put("token", DESK))
                .add(new JsonObject().put("name", "ops").put("scope", "admin").put("tokenFile", opsFile.toString())))));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private HttpRequest<Buffer> as(String token, HttpMethod method, String path) {
        return client.request(method, host.httpPort(), "127.0.0.1", path).bearerTokenAuthentication(token);
    }

    private HttpResponse<Buffer> send(String token, HttpMethod method, String path, JsonObject body) {
        HttpRequest<Buffer> request = as(token, method, path);
        return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    @Test
    void aReadTokenReadsEverything() {
        for (String path : List.of("/api/v1/plugins", "/api/v1/actions", "/api/v1/webhooks", "/api/v1/audit",
                "/api/v1/audit/verify", "/api/v1/cluster", "/api/v1/breakers", "/sandbox/faults")) {
            assertThat(send(DESK, HttpMethod.GET, path, null).statusCode()).as("GET " + path).isEqualTo(200);
        }
    }

    @Test
    void aReadTokenMakesTheDataPlaneCalls() {
        assertThat(send(DESK, HttpMethod.POST, "/api/v1/recommendations", new JsonObject()
                .put("conversationId", "c-scope").put("query", "refund for a late delivery").put("maxResults", 3))
                .statusCode()).isEqualTo(200);
        assertThat(send(DESK, HttpMethod.POST, "/api/v1/transcripts", new JsonObject().put("conversationId", "c-scope")
                .put("text", "a refund please").put("confidence", 0.9).put("speaker", "customer")).statusCode())
                .isEqualTo(200);
        assertThat(send(DESK, HttpMethod.POST, "/api/v1/actions/validate", TestActions.definition("cards", "1.0.0", "refund"))
                .bodyAsJsonObject().getBoolean("valid")).isTrue();
        int engagement = send(DESK, HttpMethod.POST, "/api/v1/engagements", new JsonObject().put("type", "rendered")
                .put("triggerId", "no-such-trigger")).statusCode();
        assertThat(engagement).as("judged on its content, not refused for its scope").isNotIn(401, 403);
    }

    @Test
    void aReadTokenIsRefusedEveryChangeWith403NamingTheScope() throws IOException {
        List<Object[]> changes = List.of(
                new Object[] {HttpMethod.POST, "/api/v1/actions", TestActions.definition("scoped", "1.0.0", "refund")},
                new Object[] {HttpMethod.PUT, "/api/v1/actions/scoped", TestActions.definition("scoped", "1.0.1", "refund")},
                new Object[] {HttpMethod.DELETE, "/api/v1/actions/scoped", null},
                new Object[] {HttpMethod.POST, "/api/v1/actions/scoped/deploy", new JsonObject().put("version", "1.0.0")},
                new Object[] {HttpMethod.PUT, "/api/v1/actions/scoped/rollout", new JsonObject()},
                new Object[] {HttpMethod.POST, "/api/v1/webhooks", new JsonObject().put("url", "https://93.184.216.34/h")},
                new Object[] {HttpMethod.PUT, "/api/v1/webhooks/wh_1", new JsonObject().put("enabled", false)},
                new Object[] {HttpMethod.DELETE, "/api/v1/webhooks/wh_1", null},
                new Object[] {HttpMethod.POST, "/api/v1/webhooks/wh_1/replay", new JsonObject().put("deadLetters", true)},
                new Object[] {HttpMethod.POST, "/api/v1/plugins/rule-filter/stop", null},
                new Object[] {HttpMethod.POST, "/api/v1/plugins/rule-filter/stop/", null},
                new Object[] {HttpMethod.POST, "/api/v1/plugins/rule-filter/reload", null},
                new Object[] {HttpMethod.POST, "/api/v1/plugins/rule-filter/start", null},
                new Object[] {HttpMethod.PUT, "/api/v1/interactions/c-scope/subscription", new JsonObject()},
                new Object[] {HttpMethod.DELETE, "/api/v1/interactions/c-scope/subscription", null},
                new Object[] {HttpMethod.POST, "/sandbox/faults", new JsonObject().put("outage", true)},
                new Object[] {HttpMethod.DELETE, "/sandbox/faults", null},
                new Object[] {HttpMethod.PATCH, "/api/v1/actions/scoped", new JsonObject()},
                new Object[] {HttpMethod.POST, "/api/v1/recommendations/../plugins/rule-filter/stop", null});
        for (Object[] change : changes) {
            HttpResponse<Buffer> refused = send(DESK, (HttpMethod) change[0], (String) change[1], (JsonObject) change[2]);
            String what = change[0] + " " + change[1];
            assertThat(refused.statusCode()).as(what).isEqualTo(403);
            assertThat(refused.getHeader("Content-Type")).as(what).isEqualTo("application/problem+json");
            JsonObject problem = refused.bodyAsJsonObject();
            assertThat(problem.getString("requiredScope")).as(what).isEqualTo("admin");
            assertThat(problem.getString("detail")).as(what).contains("scope admin").contains("'desk'").contains("scope read");
        }
        HttpResponse<Buffer> upload = as(DESK, HttpMethod.POST, "/api/v1/plugins")
                .putHeader("Content-Type", "application/java-archive").sendBuffer(Buffer.buffer(new byte[64])).await();
        assertThat(upload.statusCode()).isEqualTo(403);

        JsonObject ruleFilter = send(DESK, HttpMethod.GET, "/api/v1/plugins", null).bodyAsJsonObject()
                .getJsonArray("plugins").stream().map(JsonObject.class::cast)
                .filter(p -> p.getString("id").equals("rule-filter")).findFirst().orElseThrow();
        assertThat(ruleFilter.getString("state")).as("nothing was changed").isEqualTo("STARTED");
        assertThat(send(DESK, HttpMethod.GET, "/api/v1/actions/scoped", null).statusCode()).isEqualTo(404);
        assertThat(send(DESK, HttpMethod.GET, "/api/v1/audit?kind=config", null).bodyAsJsonObject()
                .getJsonArray("entries")).isEmpty();
    }

    @Test
    void adminTokensChangeAndTheAuditLogNamesWhichOne() {
        assertThat(send(OPS, HttpMethod.POST, "/api/v1/plugins/rule-filter/stop", null).statusCode()).isEqualTo(200);
        assertThat(send(TestHosts.TOKEN, HttpMethod.POST, "/api/v1/plugins/rule-filter/start", null).statusCode())
                .isEqualTo(200);
        assertThat(send(OPS, HttpMethod.POST, "/api/v1/actions", TestActions.definition("scoped", "1.0.0", "refund"))
                .statusCode()).isEqualTo(201);

        JsonArray entries = send(DESK, HttpMethod.GET, "/api/v1/audit?kind=config", null).bodyAsJsonObject()
                .getJsonArray("entries");
        assertThat(entries.stream().map(JsonObject.class::cast)
                .map(e -> e.getString("subject") + " by " + e.getString("actor")).toList())
                .contains("plugin:rule-filter by ops", "plugin:rule-filter by api-token")
                .anyMatch(line -> line.endsWith("scoped by ops"));
    }

    @Test
    void unknownTokensAndNearMissesAre401() {
        for (String token : List.of("nope", DESK.substring(0, DESK.length() - 1), DESK + "x", OPS.toUpperCase(), " ")) {
            assertThat(send(token, HttpMethod.GET, "/api/v1/plugins", null).statusCode()).as(token).isEqualTo(401);
        }
    }

    @Test
    void aReadTokenOpensTheConsoleStreamWithItsSessionCookie() {
        HttpResponse<Buffer> session = send(DESK, HttpMethod.POST, "/api/v1/session", null);
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.bodyAsJsonObject().getMap()).as("what the console needs to know of the token")
                .isEqualTo(Map.of("name", "desk", "scope", "read"));
        String cookie = session.cookies().get(0);
        String pair = cookie.substring(0, cookie.indexOf(';'));
        assertThat(pair).doesNotContain(DESK);

        HttpClient http = vertx.createHttpClient();
        HttpClientResponse stream = http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(host.httpPort()).setURI("/api/v1/stream").putHeader("Cookie", pair))
                .compose(request -> request.send()).await();
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.getHeader("Content-Type")).startsWith("text/event-stream");
        stream.request().reset();

        assertThat(client.post(host.httpPort(), "127.0.0.1", "/api/v1/plugins/rule-filter/stop").putHeader("Cookie", pair)
                .send().await().statusCode()).as("the cookie opens the stream only").isEqualTo(401);
        assertThat(send(DESK, HttpMethod.DELETE, "/api/v1/session", null).statusCode()).isEqualTo(204);
    }
}
