package io.assisthost.host.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The host-owned client-credentials token: fail fast, renew on 401 once for all, renew ahead of expiry. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenLifecycleTest {

    private Vertx vertx;

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void badCredentialsFailFastNamingTheClientIdButNotTheSecret() {
        GenesysEmulator emulator = GenesysSandbox.deploy(vertx, GenesysSandbox.settings());
        long started = System.nanoTime();
        Throwable thrown = catchThrowable(() -> GenesysSandbox.connect(vertx, emulator,
                GenesysSandbox.options(new JsonObject()), "wrong-client", "wrong-secret-value", event -> { }).await());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(thrown).isInstanceOfSatisfying(GenesysFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(GenesysFailure.Kind.UNAUTHORIZED);
            assertThat(failure.getMessage()).contains("'wrong-client'").doesNotContain("wrong-secret-value");
        });
        assertThat(millis).as("no 10 s refresh wait").isLessThan(5_000);
    }

    @Test
    void anExpiredTokenIsRenewedOnceWithoutFailingAnyRequest() {
        GenesysEmulator emulator = GenesysSandbox.deploy(vertx, GenesysSandbox.settings());
        GenesysRuntime genesys = GenesysSandbox.connect(vertx, emulator, GenesysSandbox.options(new JsonObject()),
                GenesysSandbox.CLIENT_ID, GenesysSandbox.CLIENT_SECRET, event -> { }).await();
        String first = genesys.tokens().current();
        assertThat(genesys.client().knowledgeBase(GenesysSandbox.PRIMARY).await().getName()).isEqualTo("Test Care");

        emulator.expireTokens();
        List<Future<?>> calls = IntStream.range(0, 20)
                .<Future<?>>mapToObj(i -> genesys.client().knowledgeBase(GenesysSandbox.PRIMARY)).toList();
        Future.all(calls).await();

        assertThat(genesys.tokens().fetches()).as("one renewal shared by 20 callers").isEqualTo(2);
        assertThat(genesys.tokens().current()).isNotEqualTo(first);
        assertThat(genesys.tokens().valid()).isTrue();
        genesys.close().await();
    }

    @Test
    void tokensAreRenewedAheadOfTheirExpiry() {
        GenesysEmulator emulator = GenesysSandbox.deploy(vertx, GenesysSandbox.settings().withTokenLifetime(Duration.ofSeconds(1)));
        GenesysRuntime genesys = GenesysSandbox.connect(vertx, emulator,
                GenesysSandbox.options(new JsonObject().put("tokenRenewAtRatio", 0.5)),
                GenesysSandbox.CLIENT_ID, GenesysSandbox.CLIENT_SECRET, event -> { }).await();
        String first = genesys.tokens().current();
        await().atMost(Duration.ofSeconds(5)).until(() -> genesys.tokens().fetches() >= 3);
        assertThat(genesys.tokens().current()).isNotEqualTo(first);
        assertThat(genesys.client().knowledgeBase(GenesysSandbox.PRIMARY).await().getName()).isEqualTo("Test Care");
        genesys.close().await();
    }

    @Test
    void anUnreachableLoginServiceDoesNotStopTheStart() {
        GenesysRuntime.Endpoints nowhere = new GenesysRuntime.Endpoints("http://127.0.0.1:9", "http://127.0.0.1:9",
                "client", "secret");
        GenesysRuntime genesys = GenesysRuntime.start(vertx, GenesysSandbox.options(new JsonObject()
                        .put("connectTimeoutMs", 500).put("requestTimeoutMs", 1000)), nowhere,
                java.time.Clock.systemUTC(), "tests", event -> { }).await();
        assertThat(genesys.tokens().valid()).isFalse();
        GenesysFailure failure = (GenesysFailure) catchThrowable(() -> genesys.client().knowledgeBase("kb").await());
        assertThat(failure.kind()).isEqualTo(GenesysFailure.Kind.NETWORK);
        genesys.close().await();
    }
}
