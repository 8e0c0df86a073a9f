package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sinks API: validation, secrets never shown again, sinks from host.json, audited changes. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhookSinksApiTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        host = TestHosts.deploy(vertx, home, new JsonObject().put("webhooks", new JsonObject()
                .put("allowHosts", new JsonArray().add("receiver.internal"))
                .put("sinks", new JsonArray().add(new JsonObject().put("id", "coaching")
                        .put("url", "https://coaching.example.com/hooks").put("secret", SECRET)
                        .put("eventTypes", new JsonArray().add("agentassist.action.accepted"))
                        .put("description", "coaching platform")))));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) {
        return TestHosts.call(client, host, method, path, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.example.com/x", "https://127.0.0.1/x", "https://10.1.2.3/x",
        "https://192.168.0.5/x", "https://169.254.169.254/latest", "https://[::1]/x", "https://[fd00:ec2::254]/x",
        "https://metadata.google.internal/x", "ftp://hooks.example.com/x", "not a url"})
    void refusesUrlsOutsideTheOutboundPolicy(String url) {
        HttpResponse<Buffer> refused = call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject().put("url", url));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("url");
    }

    @Test
    void aChangeStartedWhileAnotherIsBeingStoredAppliesToItsResult() {
        String id = call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject()
                .put("url", "https://crm.example.com/hooks")).bodyAsJsonObject().getString("id");
        SinkRegistry sinks = host.webhooks().sinks();

        // An operator's new URL, and the dispatcher giving up on the old one (410 Gone), both before either is stored.
        Future<JsonObject> updated = sinks.update(id, new JsonObject().put("url", "https://crm.example.com/v2"), "ops");
        Future<Void> disabled = sinks.disable(id, "the receiver answered 410 Gone");
        Future.all(updated, disabled).await();

        JsonObject sink = call(HttpMethod.GET, "/api/v1/webhooks/" + id, null).bodyAsJsonObject();
        assertThat(sink.getString("url")).isEqualTo("https://crm.example.com/v2");
        assertThat(sink.getBoolean("enabled")).isFalse();
        assertThat(sinks.existing(id).url()).isEqualTo("https://crm.example.com/v2");
    }

    @Test
    void allowlistedHostsMayUsePlainHttp() {
        assertThat(call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject().put("url", "http://receiver.internal:9000/x"))
                .statusCode()).isEqualTo(201);
    }

    @Test
    void namesEveryBadField() {
        HttpResponse<Buffer> refused = call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject()
                .put("secret", "plain-text").put("eventTypes", new JsonArray().add("agentassist.nothing"))
                .put("colour", "blue"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
                .map(e -> e.getString("field"))).containsExactlyInAnyOrder("colour", "url", "secret", "eventTypes");
    }

    @Test
    void aGeneratedSecretIsShownOnceAndChangesAreAudited() {
        HttpResponse<Buffer> created = call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject()
                .put("url", "https://hooks.example.com/assist").put("description", "training"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonObject sink = created.bodyAsJsonObject();
        String id = sink.getString("id");
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/webhooks/" + id);
        assertThat(sink.getString("secret")).startsWith("whsec_");
        assertThat(sink.getJsonArray("eventTypes")).containsExactly("*");

        JsonObject fetched = call(HttpMethod.GET, "/api/v1/webhooks/" + id, null).bodyAsJsonObject();
        assertThat(fetched.containsKey("secret")).isFalse();
        assertThat(fetched.getString("breaker")).isEqualTo("CLOSED");
        assertThat(call(HttpMethod.GET, "/api/v1/webhooks", null).bodyAsString()).doesNotContain(sink.getString("secret"))
                .doesNotContain(SECRET);

        assertThat(call(HttpMethod.PUT, "/api/v1/webhooks/" + id, new JsonObject().put("description", "coaching"))
                .bodyAsJsonObject().getString("description")).isEqualTo("coaching");
        assertThat(call(HttpMethod.DELETE, "/api/v1/webhooks/" + id, null).statusCode()).isEqualTo(204);
        assertThat(call(HttpMethod.GET, "/api/v1/webhooks/" + id, null).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.DELETE, "/api/v1/webhooks/" + id, null).statusCode()).isEqualTo(404);

        JsonArray changes = call(HttpMethod.GET, "/api/v1/audit?kind=config", null).bodyAsJsonObject().getJsonArray("entries");
        JsonArray ofSink = new JsonArray(changes.stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("subject").equals("webhook:" + id)).toList());
        assertThat(ofSink.stream().map(JsonObject.class::cast).map(e -> e.getJsonObject("details").getString("change")))
                .containsExactly("deleted", "updated", "created");
        JsonObject update = ofSink.getJsonObject(1);
        assertThat(update.getString("actor")).isEqualTo("api-token");
        assertThat(update.getJsonObject("details").getJsonObject("before").getString("description")).isEqualTo("training");
        assertThat(update.getJsonObject("details").getJsonObject("after").getString("description")).isEqualTo("coaching");
        assertThat(changes.encode()).doesNotContain(sink.getString("secret"));
        assertThat(call(HttpMethod.GET, "/api/v1/audit/verify", null).bodyAsJsonObject().getBoolean("valid")).isTrue();
    }

    @Test
    void sinksFromTheConfigurationAreListedAndChangedOnlyThere() {
        JsonObject coaching = call(HttpMethod.GET, "/api/v1/webhooks/coaching", null).bodyAsJsonObject();
        assertThat(coaching.getString("origin")).isEqualTo("config");
        assertThat(coaching.getString("url")).isEqualTo("https://coaching.example.com/hooks");
        assertThat(coaching.getJsonArray("eventTypes")).containsExactly("agentassist.action.accepted");
        assertThat(call(HttpMethod.PUT, "/api/v1/webhooks/coaching", new JsonObject().put("description", "x")).statusCode())
                .isEqualTo(409);
        assertThat(call(HttpMethod.DELETE, "/api/v1/webhooks/coaching", null).statusCode()).isEqualTo(409);
    }

    @Test
    void deliveriesAndReplayValidateTheirInput() {
        assertThat(call(HttpMethod.GET, "/api/v1/webhooks/coaching/deliveries?state=lost", null).statusCode()).isEqualTo(400);
        assertThat(call(HttpMethod.GET, "/api/v1/webhooks/coaching/deliveries?limit=0", null).statusCode()).isEqualTo(400);
        assertThat(call(HttpMethod.GET, "/api/v1/webhooks/nope/deliveries", null).statusCode()).isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/api/v1/webhooks/coaching/replay", new JsonObject()).statusCode()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/api/v1/webhooks/coaching/replay", new JsonObject().put("from", "yesterday"))
                .statusCode()).isEqualTo(400);
        assertThat(call(HttpMethod.GET, "/api/v1/webhooks/coaching/deliveries", null).bodyAsJsonObject()
                .getJsonArray("deliveries")).isEmpty();
    }
}
