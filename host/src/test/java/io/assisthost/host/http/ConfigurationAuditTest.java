package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Plugin lifecycle changes through the API are audited with the actor, before and after. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigurationAuditTest {

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
        host = TestHosts.deploy(vertx, home, new JsonObject());
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void stoppingAndStartingAPluginIsAudited() {
        assertThat(TestHosts.api(client, host, HttpMethod.POST, "/api/v1/plugins/rule-filter/stop").send().await()
                .statusCode()).isEqualTo(200);
        assertThat(TestHosts.api(client, host, HttpMethod.POST, "/api/v1/plugins/rule-filter/start").send().await()
                .statusCode()).isEqualTo(200);

        JsonArray entries = TestHosts.api(client, host, HttpMethod.GET, "/api/v1/audit?kind=config").send().await()
                .bodyAsJsonObject().getJsonArray("entries");
        assertThat(entries).hasSize(2);
        JsonObject stop = entries.getJsonObject(1);
        assertThat(stop.getString("actor")).isEqualTo("api-token");
        assertThat(stop.getString("subject")).isEqualTo("plugin:rule-filter");
        JsonObject details = stop.getJsonObject("details");
        assertThat(details.getString("change")).isEqualTo("stop");
        assertThat(details.getJsonObject("before").getString("state")).isEqualTo("STARTED");
        assertThat(details.getJsonObject("after").getString("state")).isEqualTo("STOPPED");
        assertThat(entries.getJsonObject(0).getJsonObject("details").getJsonObject("after").getString("state"))
                .isEqualTo("STARTED");
    }
}
