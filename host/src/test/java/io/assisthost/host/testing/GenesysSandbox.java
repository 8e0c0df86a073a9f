package io.assisthost.host.testing;

import io.assisthost.host.config.GenesysOptions;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.genesys.GenesysRuntime;
import io.assisthost.host.genesys.TranscriptEvent;
import io.assisthost.host.sandbox.EmulatorSettings;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** The emulator with the small test seed of {@code src/test/resources/sandbox}, and clients for it. */
public final class GenesysSandbox {

    /** The primary knowledge base of the test seed. */
    public static final String PRIMARY = "b38aaed3-57d5-5219-a632-3fe43f74b97e";
    /** The fallback knowledge base of the test seed. */
    public static final String FALLBACK = "75e6610b-7807-53e3-8de5-a5725d51e640";
    public static final String CLIENT_ID = "test-client";
    public static final String CLIENT_SECRET = "test-secret-do-not-log";

    private GenesysSandbox() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(GenesysSandbox.class.getResource("/sandbox/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Test seed, generator off, 1-hour tokens, 100 ms between utterances. */
    public static EmulatorSettings settings() {
        return new EmulatorSettings(0, CLIENT_ID, CLIENT_SECRET, Duration.ofHours(1), resource("knowledge.json"),
                resource("conversations.json"), false, Duration.ofMinutes(1), Duration.ofMillis(100));
    }

    public static GenesysEmulator deploy(Vertx vertx, EmulatorSettings settings) {
        GenesysEmulator emulator = new GenesysEmulator(settings, Clock.systemUTC());
        vertx.deployVerticle(emulator).await();
        return emulator;
    }

    /** Genesys options with built-in defaults plus overrides of the {@code genesys} section. */
    public static GenesysOptions options(JsonObject overrides) {
        return HostConfig.of(new JsonObject().put("genesys", overrides), Path.of(".")).genesys();
    }

    /** Connects the host's Genesys runtime to an emulator with the given credentials. */
    public static Future<GenesysRuntime> connect(Vertx vertx, GenesysEmulator emulator, GenesysOptions options,
                                                 String clientId, String clientSecret, Consumer<TranscriptEvent> sink) {
        GenesysRuntime.Endpoints endpoints = new GenesysRuntime.Endpoints(emulator.baseUrl(), emulator.baseUrl(),
                clientId, clientSecret);
        return GenesysRuntime.start(vertx, options, endpoints, Clock.systemUTC(), "assist-host-tests", sink);
    }

    /**
     * A strict Vert.x (see {@link BlockedEventLoopGuard}) with the emulator of {@link #settings()} and the
     * host's Genesys runtime connected to it; closing it closes both.
     */
    public record Connected(Vertx vertx, GenesysEmulator emulator, GenesysRuntime genesys) implements AutoCloseable {

        /** @param overrides of the {@code genesys} section, as for {@link #options(JsonObject)} */
        public static Connected start(JsonObject overrides) {
            Vertx vertx = BlockedEventLoopGuard.strictVertx();
            GenesysEmulator emulator = deploy(vertx, settings());
            GenesysRuntime genesys = connect(vertx, emulator, options(overrides), CLIENT_ID, CLIENT_SECRET, event -> { })
                    .await();
            return new Connected(vertx, emulator, genesys);
        }

        @Override
        public void close() {
            try {
                genesys.close().await();
            } finally {
                vertx.close().await();
            }
        }
    }
}
