package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.MultiMap;
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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Security headers on every response the host writes, and CORS closed unless an origin is listed. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityHeadersTest {

    private static final String READ = "read-only-token-0123456789";
    private static final String ELSEWHERE = "https://evil.example";

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;

    /** One request and the status it must get. */
    private record Call(HttpMethod method, String path, String token, String contentType, Buffer body, int status,
                        boolean console) {
    }

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private void deploy(JsonArray allowOrigins) {
        host = TestHosts.deploy(vertx, home, new JsonObject()
                .put("http", new JsonObject().put("maxBodyBytes", 1024).put("cors", new JsonObject().put("allowOrigins", allowOrigins)))
                .put("plugins", new JsonObject().put("maxUploadBytes", 4096))
                .put("api", new JsonObject().put("tokens", new JsonArray()
                        .add(new JsonObject().put("name", "desk").put("scope", "read").put("token", READ)))));
    }

    private HttpResponse<Buffer> send(Call call, String origin) {
        HttpRequest<Buffer> request = client.request(call.method(), host.httpPort(), "127.0.0.1", call.path());
        if (call.token() != null) {
            request.bearerTokenAuthentication(call.token());
        }
        if (call.contentType() != null) {
            request.putHeader("Content-Type", call.contentType());
        }
        if (origin != null) {
            request.putHeader("Origin", origin);
        }
        return (call.body() == null ? request.send() : request.sendBuffer(call.body())).await();
    }

    private static List<Call> everyKindOfResponse() {
        String admin = TestHosts.TOKEN;
        Buffer json = Buffer.buffer("{}");
        return List.of(
                new Call(HttpMethod.GET, "/health", null, null, null, 200, false),
                new Call(HttpMethod.GET, "/ready", null, null, null, 200, false),
                new Call(HttpMethod.GET, "/metrics", null, null, null, 200, false),
                new Call(HttpMethod.GET, "/api/v1/plugins", admin, null, null, 200, false),
                new Call(HttpMethod.GET, "/api/v1/cluster", READ, null, null, 200, false),
                new Call(HttpMethod.POST, "/api/v1/actions/validate", READ, "application/json", json, 200, false),
                new Call(HttpMethod.GET, "/api/v1/plugins", null, null, null, 401, false),
                new Call(HttpMethod.GET, "/api/v1/plugins", "wrong-token", null, null, 401, false),
                new Call(HttpMethod.POST, "/api/v1/plugins/rule-filter/stop", READ, null, null, 403, false),
                new Call(HttpMethod.GET, "/api/v1/nothing-here", admin, null, null, 404, false),
                new Call(HttpMethod.GET, "/api/v1/actions/no-such-action", admin, null, null, 404, false),
                new Call(HttpMethod.DELETE, "/api/v1/plugins", admin, null, null, 405, false),
                new Call(HttpMethod.POST, "/api/v1/plugins/rule-filter/stop", admin, "application/json",
                        Buffer.buffer("{\"pad\":\"" + "x".repeat(2000) + "\"}"), 413, false),
                new Call(HttpMethod.POST, "/api/v1/plugins", admin, "application/java-archive", Buffer.buffer(new byte[5000]),
                        413, false),
                new Call(HttpMethod.POST, "/api/v1/plugins/rule-filter/stop", admin, "text/plain", Buffer.buffer("x"), 415, false),
                new Call(HttpMethod.POST, "/api/v1/plugins/rule-filter/stop", admin, "application/json",
                        Buffer.buffer("{\"unclosed\": "), 400, false),
                new Call(HttpMethod.GET, "/", null, null, null, 200, true),
                new Call(HttpMethod.GET, "/console.js", null, null, null, 200, true),
                new Call(HttpMethod.GET, "/no-such-page", null, null, null, 404, true));
    }

    private static void assertSecurityHeaders(MultiMap headers, String what, boolean console) {
        assertThat(headers.get("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(headers.get("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(headers.get("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(headers.get("Content-Security-Policy")).as(what)
                .isEqualTo(console ? ApiRouter.CONSOLE_CSP : SecurityHeaders.API_CSP);
        assertThat(headers.get("Cache-Control")).as(what).isEqualTo("no-store");
        assertThat(headers.names()).as(what).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void everyResponseCarriesTheSecurityHeadersAndNoCorsGrant() {
        deploy(new JsonArray());
        for (Call call : everyKindOfResponse()) {
            for (String origin : new String[] {null, ELSEWHERE}) {
                HttpResponse<Buffer> response = send(call, origin);
                String what = call.method() + " " + call.path() + (origin == null ? "" : " from " + origin);
                assertThat(response.statusCode()).as(what).isEqualTo(call.status());
                assertSecurityHeaders(response.headers(), what, call.console());
            }
        }
    }

    @Test
    void theEventStreamCarriesThemToo() {
        deploy(new JsonArray());
        HttpClient http = vertx.createHttpClient();
        HttpClientResponse stream = http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                        .setPort(host.httpPort()).setURI("/api/v1/stream").putHeader("Authorization", "Bearer " + READ)
                        .putHeader("Origin", ELSEWHERE))
                .compose(request -> request.send()).await();
        assertThat(stream.statusCode()).isEqualTo(200);
        assertSecurityHeaders(stream.headers(), "GET /api/v1/stream", false);
        stream.request().reset();
    }

    @Test
    void aPreflightFromAnotherOriginIsRefusedWithoutAGrant() {
        deploy(new JsonArray());
        for (String path : List.of("/api/v1/plugins", "/api/v1/recommendations", "/health", "/")) {
            HttpResponse<Buffer> preflight = client.request(HttpMethod.OPTIONS, host.httpPort(), "127.0.0.1", path)
                    .putHeader("Origin", ELSEWHERE).putHeader("Access-Control-Request-Method", "POST")
                    .putHeader("Access-Control-Request-Headers", "authorization, content-type").send().await();
            assertThat(preflight.statusCode()).as(path).isEqualTo(403);
            assertThat(preflight.getHeader("Content-Type")).isEqualTo("application/problem+json");
            assertThat(preflight.bodyAsJsonObject().getString("detail")).contains("http.cors.allowOrigins");
            assertSecurityHeaders(preflight.headers(), "OPTIONS " + path, false);
        }
    }

    @Test
    void aListedOriginMayCallTheApiAndOthersStillMayNot() {
        deploy(new JsonArray().add("https://desk.example.com"));
        HttpResponse<Buffer> preflight = client.request(HttpMethod.OPTIONS, host.httpPort(), "127.0.0.1", "/api/v1/plugins")
                .putHeader("Origin", "https://desk.example.com").putHeader("Access-Control-Request-Method", "GET").send().await();
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://desk.example.com");
        assertThat(preflight.getHeader("Access-Control-Allow-Headers")).contains("Authorization");
        assertThat(preflight.getHeader("Access-Control-Allow-Credentials")).isNull();
        assertThat(preflight.getHeader("Vary")).isEqualTo("Origin");

        HttpResponse<Buffer> read = client.get(host.httpPort(), "127.0.0.1", "/api/v1/plugins").bearerTokenAuthentication(READ)
                .putHeader("Origin", "https://desk.example.com").send().await();
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://desk.example.com");

        HttpResponse<Buffer> other = client.get(host.httpPort(), "127.0.0.1", "/api/v1/plugins").bearerTokenAuthentication(READ)
                .putHeader("Origin", "https://desk.example.com.evil.example").send().await();
        assertThat(other.getHeader("Access-Control-Allow-Origin")).isNull();
        assertThat(client.request(HttpMethod.OPTIONS, host.httpPort(), "127.0.0.1", "/api/v1/plugins")
                .putHeader("Origin", "http://desk.example.com").putHeader("Access-Control-Request-Method", "GET").send().await()
                .statusCode()).as("another scheme is another origin").isEqualTo(403);
    }
}
