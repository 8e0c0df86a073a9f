package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /sandbox/faults} on a sandbox host, and its absence on a live one (pointed at an emulator). */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxFaultsApiTest {

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private HostVerticle deploy(JsonObject overrides) {
        return TestHosts.deploy(vertx, home, overrides);
    }

    private HttpRequest<Buffer> request(HostVerticle host, HttpMethod method) {
        return TestHosts.api(client, host, method, "/sandbox/faults");
    }

    private static HttpResponse<Buffer> post(HttpRequest<Buffer> request, JsonObject body) {
        return request.sendJsonObject(body).await();
    }

    @Test
    void setsShowsAndClearsFaultSwitches() {
        HostVerticle host = deploy(new JsonObject());
        HttpResponse<Buffer> set = post(request(host, HttpMethod.POST), new JsonObject()
                .put("target", GenesysSandbox.PRIMARY).put("latencyMs", 250).put("jitterMs", 50).put("errorRate", 0.5)
                .put("errorStatus", 502));
        assertThat(set.statusCode()).isEqualTo(200);
        JsonObject fault = set.bodyAsJsonObject().getJsonArray("faults").getJsonObject(0);
        assertThat(fault.getString("target")).isEqualTo(GenesysSandbox.PRIMARY);
        assertThat(fault.getLong("latencyMs")).isEqualTo(250);
        assertThat(fault.getInteger("errorStatus")).isEqualTo(502);

        JsonObject shown = request(host, HttpMethod.GET).send().await().bodyAsJsonObject();
        assertThat(shown.getJsonArray("faults")).hasSize(1);
        assertThat(shown.getJsonObject("emulator").getString("url")).startsWith("http://127.0.0.1:");

        HttpResponse<Buffer> cleared = request(host, HttpMethod.DELETE).send().await();
        assertThat(cleared.bodyAsJsonObject().getJsonArray("faults")).isEmpty();
    }

    @Test
    void refusesBadSwitchesNamingEachField() {
        HostVerticle host = deploy(new JsonObject());
        HttpResponse<Buffer> refused = post(request(host, HttpMethod.POST), new JsonObject()
                .put("target", "no-such-kb").put("errorRate", 2).put("errorStatus", 418).put("latencyMs", -1)
                .put("colour", "red"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getHeader("Content-Type")).isEqualTo(Problems.MEDIA_TYPE);
        assertThat(refused.bodyAsJsonObject().getString("detail"))
                .contains("unknown field 'colour'").contains("target").contains("errorRate").contains("errorStatus")
                .contains("latencyMs");
        assertThat(client.request(HttpMethod.GET, host.httpPort(), "127.0.0.1", "/sandbox/faults").send().await()
                .statusCode()).isEqualTo(401);
    }

    @Test
    void expiringTokensIsSurvivedByTheHostsOwnClient() {
        HostVerticle host = deploy(new JsonObject());
        String before = host.genesys().tokens().current();
        post(request(host, HttpMethod.POST), new JsonObject().put("target", "*").put("expireTokens", true));
        assertThat(host.genesys().client().knowledgeBase(GenesysSandbox.PRIMARY).await().getName()).isEqualTo("Test Care");
        assertThat(host.genesys().tokens().current()).isNotEqualTo(before);
    }

    @Test
    void liveModeUsesTheSameClientAndHasNoFaultSwitches() {
        GenesysEmulator emulator = GenesysSandbox.deploy(vertx, GenesysSandbox.settings());
        HostVerticle host = deploy(new JsonObject().put("mode", "live").put("genesys", new JsonObject()
                .put("apiBase", emulator.baseUrl()).put("loginBase", emulator.baseUrl())
                .put("clientId", GenesysSandbox.CLIENT_ID).put("clientSecret", GenesysSandbox.CLIENT_SECRET)
                .put("knowledgeBases", new JsonObject().put("primary", GenesysSandbox.PRIMARY))));
        assertThat(host.emulator()).isNull();
        assertThat(host.genesys().tokens().valid()).isTrue();
        assertThat(request(host, HttpMethod.GET).send().await().statusCode()).isEqualTo(404);
        JsonObject cluster = client.request(HttpMethod.GET, host.httpPort(), "127.0.0.1", "/api/v1/cluster")
                .bearerTokenAuthentication(TestHosts.TOKEN).send().await().bodyAsJsonObject();
        assertThat(cluster.getString("mode")).isEqualTo("live");
        assertThat(cluster.getJsonObject("genesys").getString("apiBase")).isEqualTo(emulator.baseUrl());
        assertThat(cluster.getJsonObject("genesys").encode()).doesNotContain(GenesysSandbox.CLIENT_SECRET);
        assertThat(cluster.containsKey("sandbox")).isFalse();
    }
}
