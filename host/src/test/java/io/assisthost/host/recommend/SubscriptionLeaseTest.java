package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.HostVerticle;
import io.assisthost.host.cluster.SharedMaps;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.config.RecommendOptions;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.SharedData;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
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

/**
 * A node's leases when it stops while a renewal is under way. The node here is a subscription manager of its
 * own beside a host (whose pipeline it polls), on maps of its own, whose lease renewals the test holds after
 * they reached the map, so that the stop's release comes between a renewal and its answer.
 */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubscriptionLeaseTest {

    private static final String CONVERSATION = "conv-lease-1";
    private static final String PREFIX = "lease-test.";

    @TempDir
    Path home;

    private Vertx vertx;
    private HostVerticle host;
    /** Answers of lease renewals that reached the map, held until the test lets them go. */
    private final List<Runnable> heldRenewals = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        vertx = BlockedEventLoopGuard.strictVertx();
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        host = TestHosts.deploy(vertx, home, new JsonObject());
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

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
