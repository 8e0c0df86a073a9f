package io.assisthost.host.actions;

import static io.assisthost.host.testing.TestActions.definition;
import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.MutableClock;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Action configuration over HTTP: versions, ETag guards, deploy, roll back, rollout, retire, audit. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ActionsApiTest {

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T09:00:00Z"));

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        host = TestHosts.deploy(vertx, home, new JsonObject(), clock);
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) {
        return TestHosts.call(client, host, method, path, body);
    }

    private HttpResponse<Buffer> guarded(HttpMethod method, String path, String ifMatch, JsonObject body) {
        HttpRequest<Buffer> request = TestHosts.api(client, host, method, path);
        if (ifMatch != null) {
            request.putHeader("If-Match", ifMatch);
        }
        return (body == null ? request.send() : request.sendJsonObject(body)).await();
    }

    private JsonObject transcript(String conversationId, String text) {
        HttpResponse<Buffer> answer = call(HttpMethod.POST, "/api/v1/transcripts", new JsonObject()
                .put("conversationId", conversationId).put("text", text).put("confidence", 0.9).put("speaker", "customer"));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject();
    }

    @Test
    void theShippedSamplesAreValidAndDeployedAtTheFirstStart() {
        vertx.undeploy(host.deploymentId()).await();
        Path conf = Path.of(System.getProperty("assist.conf.dir", "../conf"));
        host = TestHosts.deploy(vertx, home.resolve("with-samples"), new JsonObject().put("actions", new JsonObject()
                .put("samples", conf.resolve("actions").toAbsolutePath().toString())), clock);
        JsonArray actions = call(HttpMethod.GET, "/api/v1/actions", null).bodyAsJsonObject().getJsonArray("actions");
        assertThat(actions.stream().map(JsonObject.class::cast).map(a -> a.getString("name") + " " + a.getString("status")))
                .containsExactly("account-locked deployed", "cancel-retention deployed", "damaged-item deployed",
                        "refund-policy deployed");
        JsonObject refunds = call(HttpMethod.GET, "/api/v1/actions/refund-policy", null).bodyAsJsonObject();
        assertThat(refunds.getJsonArray("versions")).containsExactly("1.0.0", "1.1.0");
        assertThat(refunds.getJsonObject("deployment").getJsonObject("rollout").getJsonArray("variants")).hasSize(2);
        assertThat(transcript("conv-sample", "I was charged twice, can I get a refund").getJsonArray("triggered")
                .getJsonObject(0).getString("action")).isEqualTo("refund-policy");
    }

    @Test
    void createsAVersionedActionAndRefusesADuplicate() {
        HttpResponse<Buffer> created = call(HttpMethod.POST, "/api/v1/actions", definition("refunds", "1.0.0", "refund"));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/actions/refunds");
        assertThat(created.getHeader("ETag")).isEqualTo("\"1\"");
        JsonObject body = created.bodyAsJsonObject();
        assertThat(body.getString("status")).isEqualTo("draft");
        assertThat(body.getString("csp")).contains("script-src 'none'");
        assertThat(body.getJsonObject("definition").getJsonObject("trigger").getDouble("minConfidence")).isEqualTo(0.75);

        HttpResponse<Buffer> again = call(HttpMethod.POST, "/api/v1/actions", definition("refunds", "1.0.0", "refund"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void addingAVersionNeedsTheCurrentETag() {
        call(HttpMethod.POST, "/api/v1/actions", definition("refunds", "1.0.0", "refund"));
        String path = "/api/v1/actions/refunds";

        HttpResponse<Buffer> missing = guarded(HttpMethod.PUT, path, null, definition("refunds", "1.1.0", "refund"));
        assertThat(missing.statusCode()).isEqualTo(428);
        assertThat(missing.bodyAsJsonObject().getString("detail")).contains("If-Match");

        HttpResponse<Buffer> stale = guarded(HttpMethod.PUT, path, "\"7\"", definition("refunds", "1.1.0", "refund"));
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.getHeader("Content-Type")).isEqualTo("application/problem+json");

        HttpResponse<Buffer> sameVersion = guarded(HttpMethod.PUT, path, "\"1\"", definition("refunds", "1.0.0", "refund"));
        assertThat(sameVersion.statusCode()).isEqualTo(409);

        HttpResponse<Buffer> added = guarded(HttpMethod.PUT, path, "\"1\"", definition("refunds", "1.1.0", "refund", "money back"));
        assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(200);
        assertThat(added.getHeader("ETag")).isEqualTo("\"2\"");
        assertThat(added.bodyAsJsonObject().getJsonArray("versions")).containsExactly("1.0.0", "1.1.0");

        HttpResponse<Buffer> lostUpdate = guarded(HttpMethod.PUT, path, "\"1\"", definition("refunds", "1.2.0", "refund"));
        assertThat(lostUpdate.statusCode()).isEqualTo(412);

        HttpResponse<Buffer> otherName = guarded(HttpMethod.PUT, path, "\"2\"", definition("other", "1.2.0", "refund"));
        assertThat(otherName.statusCode()).isEqualTo(400);

        HttpResponse<Buffer> fetched = call(HttpMethod.GET, path, null);
        assertThat(fetched.getHeader("ETag")).isEqualTo("\"2\"");
        HttpResponse<Buffer> unchanged = TestHosts.api(client, host, HttpMethod.GET, path).putHeader("If-None-Match", "\"2\"")
                .send().await();
        assertThat(unchanged.statusCode()).isEqualTo(304);

        JsonArray versions = call(HttpMethod.GET, path + "/versions", null).bodyAsJsonObject().getJsonArray("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.getJsonObject(1).getJsonObject("definition").getJsonObject("trigger").getJsonArray("phrases"))
                .containsExactly("refund", "money back");
        assertThat(versions.getJsonObject(1).getString("createdBy")).isEqualTo("api-token");
    }

    @Test
    void deploysRollsBackAndSplitsTraffic() {
        call(HttpMethod.POST, "/api/v1/actions", definition("refunds", "1.0.0", "refund"));
        guarded(HttpMethod.PUT, "/api/v1/actions/refunds", "\"1\"", definition("refunds", "1.1.0", "refund"));
        assertThat(transcript("conv-0", "I want a refund").getJsonArray("triggered")).isEmpty();

        HttpResponse<Buffer> deployed = call(HttpMethod.POST, "/api/v1/actions/refunds/deploy",
                new JsonObject().put("version", "1.1.0"));
        assertThat(deployed.statusCode()).as(deployed.bodyAsString()).isEqualTo(200);
        assertThat(deployed.bodyAsJsonObject().getString("status")).isEqualTo("deployed");
        JsonObject card = transcript("conv-1", "I want a refund").getJsonArray("triggered").getJsonObject(0);
        assertThat(card.getString("version")).isEqualTo("1.1.0");
        assertThat(card.getString("group")).isEqualTo("control");

        call(HttpMethod.POST, "/api/v1/actions/refunds/deploy", new JsonObject().put("version", "1.0.0"));
        assertThat(transcript("conv-2", "I want a refund").getJsonArray("triggered").getJsonObject(0).getString("version"))
                .isEqualTo("1.0.0");

        JsonObject split = new JsonObject().put("variants", new JsonArray()
                .add(new JsonObject().put("version", "1.0.0").put("weight", 50).put("group", "control"))
                .add(new JsonObject().put("version", "1.1.0").put("weight", 50).put("group", "short-card")));
        HttpResponse<Buffer> rolled = call(HttpMethod.PUT, "/api/v1/actions/refunds/rollout", split);
        assertThat(rolled.statusCode()).as(rolled.bodyAsString()).isEqualTo(200);
        Map<String, Integer> groups = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            JsonObject triggered = transcript("split-" + i, "refund please").getJsonArray("triggered").getJsonObject(0);
            assertThat(triggered.getString("version")).isEqualTo(triggered.getString("group").equals("control")
                    ? "1.0.0" : "1.1.0");
            assertThat(VariantAssigner.assign("split-" + i, "refunds", ActionJson.readRollout(split)).group())
                    .isEqualTo(triggered.getString("group"));
            groups.merge(triggered.getString("group"), 1, Integer::sum);
        }
        assertThat(groups).containsOnlyKeys("control", "short-card");

        HttpResponse<Buffer> unknownVersion = call(HttpMethod.PUT, "/api/v1/actions/refunds/rollout", new JsonObject()
                .put("variants", new JsonArray().add(new JsonObject().put("version", "9.0.0").put("weight", 100)
                        .put("group", "x"))));
        assertThat(unknownVersion.statusCode()).isEqualTo(400);
        assertThat(unknownVersion.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("rollout.variants[0].version");
        HttpResponse<Buffer> badWeights = call(HttpMethod.PUT, "/api/v1/actions/refunds/rollout", new JsonObject()
                .put("variants", new JsonArray().add(new JsonObject().put("version", "1.0.0").put("weight", 60)
                        .put("group", "a")).add(new JsonObject().put("version", "1.1.0").put("weight", 30).put("group", "b"))));
        assertThat(badWeights.statusCode()).isEqualTo(400);
        assertThat(badWeights.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message"))
                .contains("sum to 100");
        assertThat(call(HttpMethod.POST, "/api/v1/actions/refunds/deploy", new JsonObject().put("version", "3.0.0"))
                .statusCode()).isEqualTo(404);
        assertThat(guarded(HttpMethod.POST, "/api/v1/actions/refunds/deploy", "\"1\"", new JsonObject()
                .put("version", "1.0.0")).statusCode()).isEqualTo(412);
    }

    @Test
    void retiringNeedsTheETagAndStopsTriggers() {
        call(HttpMethod.POST, "/api/v1/actions", definition("refunds", "1.0.0", "refund"));
        String etag = call(HttpMethod.POST, "/api/v1/actions/refunds/deploy", new JsonObject().put("version", "1.0.0"))
                .getHeader("ETag");
        assertThat(guarded(HttpMethod.DELETE, "/api/v1/actions/refunds", null, null).statusCode()).isEqualTo(428);
        assertThat(guarded(HttpMethod.DELETE, "/api/v1/actions/refunds", "\"1\"", null).statusCode()).isEqualTo(412);
        assertThat(guarded(HttpMethod.DELETE, "/api/v1/actions/refunds", etag, null).statusCode()).isEqualTo(204);

        assertThat(transcript("conv-1", "a refund").getJsonArray("triggered")).isEmpty();
        assertThat(call(HttpMethod.GET, "/api/v1/actions", null).bodyAsJsonObject().getJsonArray("actions")).isEmpty();
        assertThat(call(HttpMethod.GET, "/api/v1/actions?retired=true", null).bodyAsJsonObject().getJsonArray("actions")
                .getJsonObject(0).getString("status")).isEqualTo("retired");
        assertThat(call(HttpMethod.GET, "/api/v1/actions/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRetiredActionComesBackWithANewVersionAndVersionsOfEqualPrecedenceConflict() {
        call(HttpMethod.POST, "/api/v1/actions", definition("refunds", "1.0.0", "refund"));
        assertThat(guarded(HttpMethod.PUT, "/api/v1/actions/refunds", "\"1\"", definition("refunds", "1.0.0+build.7",
                "refund")).statusCode()).isEqualTo(409);
        guarded(HttpMethod.DELETE, "/api/v1/actions/refunds", "\"1\"", null);
        assertThat(call(HttpMethod.POST, "/api/v1/actions", definition("refunds", "1.0.0", "refund")).statusCode())
                .isEqualTo(409);
        JsonObject revived = definition("refunds", "2.0.0", "refund").put("rollout", new JsonObject().put("variants",
                new JsonArray().add(new JsonObject().put("version", "1.0.0").put("weight", 50).put("group", "old"))
                        .add(new JsonObject().put("version", "2.0.0").put("weight", 50).put("group", "new"))));
        HttpResponse<Buffer> back = call(HttpMethod.POST, "/api/v1/actions", revived);
        assertThat(back.statusCode()).as(back.bodyAsString()).isEqualTo(201);
        assertThat(back.bodyAsJsonObject().getString("status")).isEqualTo("draft");
        assertThat(back.bodyAsJsonObject().getJsonArray("versions")).containsExactly("1.0.0", "2.0.0");

        Throwable failure = vertx.eventBus().request(Actions.ENGAGEMENTS_ADDRESS, "not an object")
                .transform(result -> Future.succeededFuture(result.cause())).await();
        assertThat(((ReplyException) failure).failureCode()).isEqualTo(400);
    }

    @Test
    void everyChangeIsAuditedWithItsActor() {
        call(HttpMethod.POST, "/api/v1/actions", definition("refunds", "1.0.0", "refund"));
        guarded(HttpMethod.PUT, "/api/v1/actions/refunds", "\"1\"", definition("refunds", "1.1.0", "refund"));
        call(HttpMethod.POST, "/api/v1/actions/refunds/deploy", new JsonObject().put("version", "1.1.0"));
        call(HttpMethod.POST, "/api/v1/actions/refunds/deploy", new JsonObject().put("version", "1.0.0"));
        guarded(HttpMethod.DELETE, "/api/v1/actions/refunds", "\"4\"", null);

        JsonArray entries = call(HttpMethod.GET, "/api/v1/audit?action=refunds&kind=config", null).bodyAsJsonObject()
                .getJsonArray("entries");
        assertThat(entries.stream().map(JsonObject.class::cast).map(e -> e.getJsonObject("details").getString("change")))
                .containsExactlyInAnyOrder("created", "version added", "deployed", "deployed", "retired");
        JsonObject rollback = entries.stream().map(JsonObject.class::cast)
                .filter(e -> e.getJsonObject("details").getInteger("revision") == 4).findFirst().orElseThrow();
        assertThat(rollback.getString("actor")).isEqualTo("api-token");
        assertThat(rollback.getJsonObject("details").getJsonObject("before").getString("version")).isEqualTo("1.1.0");
        assertThat(rollback.getJsonObject("details").getJsonObject("after").getString("version")).isEqualTo("1.0.0");
        assertThat(call(HttpMethod.GET, "/api/v1/audit/verify", null).bodyAsJsonObject().getBoolean("valid")).isTrue();
    }

    @Test
    void validationNamesEveryFieldAndFragment() {
        JsonObject bad = definition("bad name!", "1.0", "refund")
                .put("content", new JsonObject().put("html", "<div><p onclick=\"steal()\">Hi</p><script>x()</script></div>"))
                .put("ui", new JsonObject().put("position", "sideways").put("requiredFeatures",
                        new JsonArray().add("container-queries")))
                .put("rollout", new JsonObject().put("variants", new JsonArray()
                        .add(new JsonObject().put("version", "1.0.0").put("weight", 70).put("group", "a"))));
        HttpResponse<Buffer> refused = call(HttpMethod.POST, "/api/v1/actions", bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
                .map(e -> e.getString("field"))).contains("name", "version", "ui.position", "rollout.variants");

        JsonObject html = definition("cards", "1.0.0", "refund").put("content", new JsonObject()
                .put("html", "<div><p onclick=\"steal()\">Hi</p><a href=\"javascript:alert(1)\">x</a></div>"))
                .put("ui", new JsonObject().put("requiredFeatures", new JsonArray().add("flexbox").add("dialog")));
        JsonObject dryRun = call(HttpMethod.POST, "/api/v1/actions/validate", html).bodyAsJsonObject();
        assertThat(dryRun.getBoolean("valid")).isFalse();
        JsonArray errors = dryRun.getJsonArray("errors");
        assertThat(errors.stream().map(JsonObject.class::cast).filter(e -> e.getString("field").equals("content.html"))
                .map(e -> e.getString("fragment"))).anyMatch(f -> f.contains("onclick")).anyMatch(f -> f.contains("javascript:"));
        List<JsonObject> gaps = errors.stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("field").startsWith("ui.requiredFeatures")).toList();
        assertThat(gaps).extracting(e -> e.getString("field")).containsOnly("ui.requiredFeatures[1]");
        assertThat(gaps).extracting(e -> e.getString("message"))
                .containsExactlyInAnyOrder("firefox 88 lacks dialog", "safari 14 lacks dialog");
        assertThat(call(HttpMethod.GET, "/api/v1/actions/cards", null).statusCode()).isEqualTo(404);

        JsonObject good = call(HttpMethod.POST, "/api/v1/actions/validate", definition("cards", "1.0.0", "refund"))
                .bodyAsJsonObject();
        assertThat(good.getBoolean("valid")).isTrue();
        assertThat(good.getString("csp")).startsWith("default-src 'none'");
    }
}
