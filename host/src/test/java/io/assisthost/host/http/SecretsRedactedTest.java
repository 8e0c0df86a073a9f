package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.assisthost.host.HostVerticle;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.metrics.Metrics;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * No secret the host holds (API tokens, webhook signing secrets, the Genesys client secret, credentials
 * in a sink's URL) reaches an API response, the audit log, the console output or the log.
 */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SecretsRedactedTest {

    private static final String READ_TOKEN = "read-token-secret-0123456789";
    private static final String CONFIG_SINK_SECRET = "whsec_Y29uZmlndXJlZCBzaW5rIHNlY3JldCAxMjM0";
    private static final String API_SINK_SECRET = "whsec_YXBpIHNpbmsgc2VjcmV0IDAxMjM0NTY3ODk=";
    private static final String ROTATED_SINK_SECRET = "whsec_cm90YXRlZCBzaW5rIHNlY3JldCAwMTIzNDU2";
    private static final String GENESYS_SECRET = "genesys-client-secret-0123456789";
    private static final String URL_PASSWORD = "url-password-0123456789";

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger hostLogger = (Logger) LoggerFactory.getLogger("io.assisthost");
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level hostLevel;

    @BeforeEach
    void setUp() throws IOException {
        logged.start();
        hostLevel = hostLogger.getLevel();
        hostLogger.setLevel(Level.DEBUG);
        hostLogger.setAdditive(false);
        hostLogger.addAppender(logged);
        rootLogger.addAppender(logged);
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        JsonObject overrides = new JsonObject()
                .put("api", new JsonObject().put("tokens", new JsonArray()
                        .add(new JsonObject().put("name", "desk").put("scope", "read").put("token", READ_TOKEN))))
                .put("genesys", new JsonObject().put("clientId", "assist-test-client").put("clientSecret", GENESYS_SECRET))
                .put("webhooks", new JsonObject().put("sinks", new JsonArray().add(new JsonObject().put("id", "coach")
                        .put("url", "https://93.184.216.34/hook").put("secret", CONFIG_SINK_SECRET)
                        .put("eventTypes", new JsonArray().add("agentassist.action.accepted")))));
        HostConfig config = HostConfig.of(TestHosts.config(home).mergeIn(overrides, true), home);
        host = new HostVerticle(config, new Metrics(), Clock.systemUTC(), new PrintStream(console, true, StandardCharsets.UTF_8));
        vertx.deployVerticle(host).await();
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
        hostLogger.detachAppender(logged);
        rootLogger.detachAppender(logged);
        hostLogger.setAdditive(true);
        hostLogger.setLevel(hostLevel);
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) {
        return TestHosts.call(client, host, method, path, body);
    }

    @Test
    void secretsAppearNowhereTheHostWritesTo() {
        List<String> seen = new ArrayList<>();
        HttpResponse<Buffer> created = call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject()
                .put("url", "https://coach:" + URL_PASSWORD + "@93.184.216.34/hook").put("secret", API_SINK_SECRET));
        assertThat(created.statusCode()).isEqualTo(201);
        seen.add(created.bodyAsString());
        String id = created.bodyAsJsonObject().getString("id");
        HttpResponse<Buffer> rotated = call(HttpMethod.PUT, "/api/v1/webhooks/" + id, new JsonObject()
                .put("secret", ROTATED_SINK_SECRET));
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(rotated.bodyAsJsonObject().getBoolean("secretRotating")).isTrue();
        seen.add(rotated.bodyAsString());
        HttpResponse<Buffer> invalid = call(HttpMethod.POST, "/api/v1/webhooks", new JsonObject()
                .put("url", "https://93.184.216.34/hook").put("secret", "whsec_" + GENESYS_SECRET));
        assertThat(invalid.statusCode()).isEqualTo(400);
        seen.add(invalid.bodyAsString());
        for (String path : List.of("/api/v1/webhooks", "/api/v1/webhooks/" + id, "/api/v1/webhooks/coach",
                "/api/v1/cluster", "/api/v1/plugins", "/api/v1/audit?kind=config", "/api/v1/audit")) {
            HttpResponse<Buffer> response = call(HttpMethod.GET, path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            seen.add(response.bodyAsString());
        }
        assertThat(call(HttpMethod.GET, "/api/v1/cluster", null).bodyAsJsonObject().getJsonObject("genesys")
                .getString("clientId")).isEqualTo("assist-test-client");
        HttpResponse<Buffer> wrong = client.get(host.httpPort(), "127.0.0.1", "/api/v1/plugins")
                .bearerTokenAuthentication(READ_TOKEN + "-but-wrong").send().await();
        assertThat(wrong.statusCode()).isEqualTo(401);
        seen.add(wrong.bodyAsString() + wrong.headers());
        HttpResponse<Buffer> forbidden = client.post(host.httpPort(), "127.0.0.1", "/api/v1/plugins/rule-filter/stop")
                .bearerTokenAuthentication(READ_TOKEN).send().await();
        assertThat(forbidden.statusCode()).isEqualTo(403);
        seen.add(forbidden.bodyAsString() + forbidden.headers());
        assertThat(call(HttpMethod.DELETE, "/api/v1/webhooks/" + id, null).statusCode()).isEqualTo(204);
        seen.add(call(HttpMethod.GET, "/api/v1/audit?kind=config", null).bodyAsString());

        seen.add(console.toString(StandardCharsets.UTF_8));
        for (ILoggingEvent event : List.copyOf(logged.list)) {
            seen.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertThat(logged.list).as("the log was captured").isNotEmpty();
        assertThat(String.join("\n", seen)).as("responses, audit, console and log")
                .doesNotContain(READ_TOKEN, TestHosts.TOKEN, CONFIG_SINK_SECRET, API_SINK_SECRET, ROTATED_SINK_SECRET,
                        GENESYS_SECRET, URL_PASSWORD);
    }
}
