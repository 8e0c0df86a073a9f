package io.assisthost.host.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.store.SqliteStore;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestActions;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory fills up while recommendations flow: the database is limited to 1 MB
 * ({@code data.maxSizeMb}), which makes SQLite answer as it does on a full disk. Changes must then answer
 * 503 with a clear message, reads keep working, and once there is room again (the host restarted
 * without the limit) everything that was acknowledged is there and the audit chain is intact.
 */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiskFullScenarioTest {

    private static final int WAVE = 20;
    private static final String FULL = "the host's data directory is full";

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;

    @AfterEach
    void tearDown() {
        if (vertx != null) {
            vertx.close().await();
        }
    }

    @Test
    void aFullDataDirectoryRefusesChangesWith503KeepsReadsAndLosesNothingAcknowledged() throws IOException {
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        HostVerticle host = start(new JsonObject().put("data", new JsonObject().put("maxSizeMb", 1)));
        assertThat(send(host, HttpMethod.POST, "/api/v1/actions", action("before-full")).statusCode()).isEqualTo(201);

        List<String> acknowledged = new ArrayList<>();
        HttpResponse<Buffer> refusal = null;
        for (int wave = 0; refusal == null; wave++) {
            assertThat(wave).as("the database never filled up").isLessThan(500);
            List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
            for (int i = 0; i < WAVE; i++) {
                answers.add(recommend(host, "conv-" + wave + "-" + i));
            }
            for (int i = 0; i < WAVE; i++) {
                HttpResponse<Buffer> answer = answers.get(i).await();
                if (answer.statusCode() == 200) {
                    acknowledged.add("conv-" + wave + "-" + i);
                } else {
                    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(503);
                    refusal = answer;
                }
            }
        }
        long databaseBytes = Files.size(home.resolve("data").resolve(SqliteStore.FILE_NAME))
                + Files.size(home.resolve("data").resolve(SqliteStore.FILE_NAME + "-wal"));
        System.out.printf("disk full: %d recommendations acknowledged before the first 503; database and log %d bytes%n",
                acknowledged.size(), databaseBytes);

        assertThat(refusal.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refusal.bodyAsJsonObject().getString("detail")).contains(FULL).contains("reads keep working");
        // A full database still has room inside some of its pages, and a write that fits there succeeds: each kind
        // of write is sent until one is refused, and those accepted on the way must survive like every other.
        List<String> actionsWhileFull = new ArrayList<>();
        List<String> sinksWhileFull = new ArrayList<>();
        int recommendationsBefore = acknowledged.size();
        for (HttpResponse<Buffer> write : List.of(
                untilRefused(n -> recommend(host, "conv-while-full-" + n).await(), 200, "conv-while-full-", acknowledged),
                untilRefused(n -> send(host, HttpMethod.POST, "/api/v1/actions", action("while-full-" + n)), 201,
                        "while-full-", actionsWhileFull),
                // Disabled: after the restart nothing is sent to a receiver that is not there.
                untilRefused(n -> send(host, HttpMethod.POST, "/api/v1/webhooks", new JsonObject()
                        .put("url", "https://crm.example.com/hook/" + n).put("eventTypes", List.of("*"))
                        .put("enabled", false)), 201, "https://crm.example.com/hook/", sinksWhileFull))) {
            assertThat(write.statusCode()).as(write.bodyAsString()).isEqualTo(503);
            assertThat(write.bodyAsJsonObject().getString("detail")).contains(FULL);
        }
        System.out.printf("disk full: accepted after the first 503 before refused again: %d recommendations, %d actions,"
                + " %d webhook sinks%n", acknowledged.size() - recommendationsBefore, actionsWhileFull.size(),
                sinksWhileFull.size());

        assertThat(send(host, HttpMethod.GET, "/api/v1/actions", null).bodyAsJsonObject().encode()).contains("before-full");
        HttpResponse<Buffer> lastAcknowledged = send(host, HttpMethod.GET,
                "/api/v1/audit?kind=recommendation&interaction=" + acknowledged.get(acknowledged.size() - 1), null);
        assertThat(lastAcknowledged.statusCode()).isEqualTo(200);
        assertThat(lastAcknowledged.bodyAsJsonObject().getJsonArray("entries")).hasSize(1);
        assertThat(send(host, HttpMethod.GET, "/api/v1/audit/verify", null).bodyAsJsonObject().getBoolean("valid"))
                .isTrue();
        assertThat(client.get(host.httpPort(), "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);

        vertx.close().await();
        HostVerticle roomy = start(new JsonObject());

        assertThat(auditedConversations(roomy)).containsAll(acknowledged);
        assertThat(fieldOfEach(send(roomy, HttpMethod.GET, "/api/v1/actions", null), "actions", "name"))
                .contains("before-full").containsAll(actionsWhileFull);
        assertThat(fieldOfEach(send(roomy, HttpMethod.GET, "/api/v1/webhooks", null), "webhooks", "url"))
                .containsAll(sinksWhileFull);
        assertThat(send(roomy, HttpMethod.GET, "/api/v1/audit/verify", null).bodyAsJsonObject().getBoolean("valid"))
                .isTrue();
        assertThat(recommend(roomy, "conv-after").await().statusCode()).isEqualTo(200);
        assertThat(send(roomy, HttpMethod.POST, "/api/v1/actions", action("after-full")).statusCode()).isEqualTo(201);
    }

    /**
     * Sends write {@code n = 0, 1, …} until one is not answered {@code accepted}; adds {@code prefix + n} of
     * those that were to {@code acknowledged}.
     */
    private static HttpResponse<Buffer> untilRefused(IntFunction<HttpResponse<Buffer>> write, int accepted, String prefix,
                                                     List<String> acknowledged) {
        for (int n = 0; n < 50; n++) {
            HttpResponse<Buffer> answer = write.apply(n);
            if (answer.statusCode() != accepted) {
                return answer;
            }
            acknowledged.add(prefix + n);
        }
        throw new AssertionError("50 writes accepted in a row while the data directory is full");
    }

    private static List<String> fieldOfEach(HttpResponse<Buffer> listing, String array, String field) {
        return listing.bodyAsJsonObject().getJsonArray(array).stream()
                .map(item -> ((JsonObject) item).getString(field)).toList();
    }

    private HostVerticle start(JsonObject overrides) {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        return TestHosts.deploy(vertx, home, overrides);
    }

    private static JsonObject action(String name) {
        return TestActions.definition(name, "1.0.0", "refund");
    }

    private Future<HttpResponse<Buffer>> recommend(HostVerticle host, String conversationId) {
        return TestHosts.api(client, host, HttpMethod.POST, "/api/v1/recommendations")
                .sendJsonObject(new JsonObject().put("conversationId", conversationId)
                        .put("query", "refund for a late delivery").put("maxResults", 5));
    }

    private HttpResponse<Buffer> send(HostVerticle host, HttpMethod method, String path, JsonObject body) {
        return TestHosts.call(client, host, method, path, body);
    }

    private Set<String> auditedConversations(HostVerticle host) {
        Set<String> conversations = new HashSet<>();
        String cursor = null;
        do {
            JsonObject page = send(host, HttpMethod.GET, "/api/v1/audit?kind=recommendation&limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor), null).bodyAsJsonObject();
            page.getJsonArray("entries").forEach(entry -> conversations.add(((JsonObject) entry).getString("conversationId")));
            cursor = page.getString("next");
        } while (cursor != null);
        return conversations;
    }
}
