package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.cluster.SharedMaps;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.config.RecommendOptions;
import io.assisthost.host.genesys.TranscriptEvent;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Polling subscriptions on one node: ETag-driven events, conditional GETs, lifecycle, validation, leases at a stop. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubscriptionTest {

    private static final String CONVERSATION = "conv-sub-1";
    private static final String PATH = "/api/v1/interactions/" + CONVERSATION;
    /** Where the node of {@link #aRenewalAnsweredAfterTheStopHandsTheRenewedLeaseBack()} keeps its maps. */
    private static final String PREFIX = "lease-test.";

    @TempDir
    Path home;

    private Vertx vertx;
    private WebClient client;
    private HostVerticle host;
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();
    /** Answers of lease renewals that reached the map, held until the test lets them go. */
    private final List<Runnable> heldRenewals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        client = WebClient.create(vertx);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        host = TestHosts.deploy(vertx, home, new JsonObject());
        vertx.eventBus().<JsonObject>consumer(SubscriptionManager.UPDATED, message -> events.add(message.body()));
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private HttpResponse<Buffer> subscribe(String query) {
        return TestHosts.api(client, host, HttpMethod.PUT, PATH + "/subscription").sendJsonObject(new JsonObject()
                .put("pollIntervalMs", 100).put("context", new JsonObject().put("query", query).put("maxResults", 3))).await();
    }

    private long polls() {
        return host.recommendations().subscriptions().polls();
    }

    @Test
    void anUnchangedResultPublishesNothingAndAChangedOneExactlyOneEvent() {
        HttpResponse<Buffer> created = subscribe("refund for a late delivery");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.getHeader("Location")).isEqualTo(PATH + "/subscription");
        JsonObject subscription = created.bodyAsJsonObject();
        assertThat(subscription.getString("owner")).isEqualTo(nodeId());
        assertThat(subscription.getString("leaseExpiresAt")).isNotNull();

        await().until(() -> polls() >= 5);
        assertThat(events).as("one event for the first result, none for unchanged ones").hasSize(1);
        JsonObject event = events.get(0);
        assertThat(event.getString("conversationId")).isEqualTo(CONVERSATION);
        assertThat(event.getString("previousEtag")).isNull();
        assertThat(event.getJsonObject("recommendation").getJsonArray("items")).isNotEmpty();

        assertThat(subscribe("reset my password").statusCode()).isEqualTo(200);
        long pollsAfterChange = polls();
        await().until(() -> polls() >= pollsAfterChange + 5);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).getString("previousEtag")).isEqualTo(event.getString("etag"));
        assertThat(events.get(1).getJsonObject("recommendation").getJsonArray("items").getJsonObject(0)
                .getString("title")).isEqualTo("Reset a customer's password");
    }

    @Test
    void ofTwoPollsThatSawTheSameResultOnlyOnePublishesTheChange() {
        // Every change waits where it is recorded for the webhooks until the test lets it go, so that the poll
        // begun before the subscription is PUT again and the one the PUT starts both see no previous result.
        List<Runnable> held = new CopyOnWriteArrayList<>();
        host.recommendations().subscriptions().onChange((recommendation, previousEtag) -> {
            Context context = Vertx.currentContext();
            Promise<Void> recorded = Promise.promise();
            held.add(() -> context.runOnContext(v -> recorded.complete()));
            return recorded.future();
        });
        subscribe("refund for a late delivery");
        await().until(() -> held.size() == 1);
        assertThat(subscribe("refund for a late delivery").statusCode()).isEqualTo(200);
        await().until(() -> held.size() == 2);

        held.forEach(Runnable::run);
        long released = polls();
        await().until(() -> polls() >= released + 3);
        assertThat(events).as("one event for one change").hasSize(1);
        assertThat(host.recommendations().subscriptions().updates()).isEqualTo(1);
        assertThat(TestHosts.api(client, host, HttpMethod.GET, PATH + "/recommendations").send().await()
                .getHeader("ETag")).isEqualTo(events.get(0).getString("etag"));
    }

    @Test
    void theLatestResultAnswersIfNoneMatchWith304() {
        subscribe("refund for a late delivery");
        await().until(() -> events.size() == 1);
        HttpResponse<Buffer> latest = TestHosts.api(client, host, HttpMethod.GET, PATH + "/recommendations").send().await();
        assertThat(latest.statusCode()).isEqualTo(200);
        String etag = latest.getHeader("ETag");
        assertThat(etag).isEqualTo(events.get(0).getString("etag")).isEqualTo(latest.bodyAsJsonObject().getString("etag"));

        HttpResponse<Buffer> unchanged = TestHosts.api(client, host, HttpMethod.GET, PATH + "/recommendations")
                .putHeader("If-None-Match", etag).send().await();
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isNull();
        assertThat(unchanged.getHeader("ETag")).isEqualTo(etag);
        assertThat(TestHosts.api(client, host, HttpMethod.GET, PATH + "/recommendations")
                .putHeader("If-None-Match", "\"something-else\"").send().await().statusCode()).isEqualTo(200);
        assertThat(TestHosts.api(client, host, HttpMethod.GET, "/api/v1/interactions/unknown/recommendations")
                .send().await().statusCode()).isEqualTo(404);
    }

    @Test
    void subscriptionsCanBeReadAndDeletedAndEndWithTheirConversation() {
        subscribe("refund for a late delivery");
        JsonObject read = TestHosts.api(client, host, HttpMethod.GET, PATH + "/subscription").send().await().bodyAsJsonObject();
        assertThat(read.getLong("pollIntervalMs")).isEqualTo(100);
        assertThat(read.getJsonObject("context").getString("query")).isEqualTo("refund for a late delivery");
        assertThat(TestHosts.api(client, host, HttpMethod.DELETE, PATH + "/subscription").send().await().statusCode()).isEqualTo(204);
        assertThat(TestHosts.api(client, host, HttpMethod.DELETE, PATH + "/subscription").send().await().statusCode()).isEqualTo(404);
        assertThat(TestHosts.api(client, host, HttpMethod.GET, PATH + "/subscription").send().await().statusCode()).isEqualTo(404);
        await().until(() -> host.recommendations().subscriptions().ownedCount() == 0);

        subscribe("refund for a late delivery");
        host.recommendations().accept(new TranscriptEvent(CONVERSATION, null, "unknown", "", 0, 0, null, true, null, null));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                TestHosts.api(client, host, HttpMethod.GET, PATH + "/subscription").send().await().statusCode() == 404);
    }

    @Test
    void badSubscriptionsAreRefusedNamingEachField() {
        HttpResponse<Buffer> refused = TestHosts.api(client, host, HttpMethod.PUT, PATH + "/subscription")
                .sendJsonObject(new JsonObject().put("pollIntervalMs", 10).put("every", "second")
                        .put("context", new JsonObject().put("maxResults", 99).put("conversationId", "another"))).await();
        assertThat(refused.statusCode()).isEqualTo(400);
        List<String> fields = refused.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field")).toList();
        assertThat(fields).containsExactlyInAnyOrder("every", "pollIntervalMs", "context.conversationId");
        HttpResponse<Buffer> badContext = TestHosts.api(client, host, HttpMethod.PUT, PATH + "/subscription")
                .sendJsonObject(new JsonObject().put("context", new JsonObject().put("maxResults", 99))).await();
        assertThat(badContext.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("context.maxResults");
    }

    private String nodeId() {
        return TestHosts.api(client, host, HttpMethod.GET, "/health").send().await().bodyAsJsonObject().getString("node");
    }

    /**
     * A node that stops while a renewal is under way: a subscription manager of its own beside the host (whose
     * pipeline it polls), on maps of its own, whose lease renewals answer only when the test lets them, so that
     * the stop's release comes between a renewal reaching the map and its answer.
     */
    @Test
    void aRenewalAnsweredAfterTheStopHandsTheRenewedLeaseBack() {
        RecommendOptions options = HostConfig.of(new JsonObject().put("recommend", new JsonObject()
                .put("subscriptions", new JsonObject().put("scanIntervalMs", 50).put("leaseMs", 60_000))), home)
                .recommend();
        SubscriptionManager node = new SubscriptionManager(vertx, host.recommendations().service(), options,
                "node-lease-test", () -> 1, Clock.systemUTC(), new SubscriptionStore(mapsHoldingRenewals()));
        Context context = vertx.getOrCreateContext();
        on(context, () -> node.subscribe(CONVERSATION, new JsonObject().put("pollIntervalMs", 60_000)
                .put("context", new JsonObject().put("query", "refund for a late delivery")))).await();
        String taken = lease();
        assertThat(taken).startsWith("node-lease-test@");

        on(context, () -> {
            node.start();
            return Future.succeededFuture();
        }).await();
        await().until(() -> heldRenewals.size() == 1);
        String renewed = lease();
        assertThat(renewed).as("the renewal reached the map").isNotEqualTo(taken).startsWith("node-lease-test@");

        on(context, node::close).await();
        assertThat(lease()).as("the stop released the lease it knew, not the renewed one").isEqualTo(renewed);
        heldRenewals.forEach(Runnable::run);
        await().atMost(5, TimeUnit.SECONDS).until(() -> lease() == null);
    }

    private String lease() {
        return vertx.sharedData().<String, String>getAsyncMap(PREFIX + SharedMaps.LEASES)
                .compose(map -> map.get(CONVERSATION)).await();
    }

    private static <T> Future<T> on(Context context, Supplier<Future<T>> work) {
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> work.get().onComplete(done));
        return done.future();
    }

    /** This Vert.x's maps under names of their own; the lease map's renewals answer when the test says. */
    private SharedData mapsHoldingRenewals() {
        SharedData maps = vertx.sharedData();
        return proxy(SharedData.class, (method, args) -> {
            if (!method.getName().equals("getAsyncMap")) {
                return method.invoke(maps, args);
            }
            Future<AsyncMap<String, String>> map = maps.getAsyncMap(PREFIX + args[0]);
            return args[0].equals(SharedMaps.LEASES) ? map.map(this::holdingRenewals) : map;
        });
    }

    @SuppressWarnings("unchecked")
    private AsyncMap<String, String> holdingRenewals(AsyncMap<String, String> leases) {
        return proxy(AsyncMap.class, (method, args) -> {
            Object result = method.invoke(leases, args);
            if (!method.getName().equals("replaceIfPresent")) {
                return result;
            }
            Context caller = Vertx.currentContext();
            Promise<Boolean> answer = Promise.promise();
            ((Future<Boolean>) result).onComplete(replaced ->
                    heldRenewals.add(() -> caller.runOnContext(v -> answer.handle(replaced))));
            return answer.future();
        });
    }

    @FunctionalInterface
    private interface Call {
        Object invoke(Method method, Object[] args) throws ReflectiveOperationException;
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
