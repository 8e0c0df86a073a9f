package io.assisthost.host.sandbox;

import io.assisthost.host.config.ConfigException;
import io.assisthost.host.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Genesys Cloud emulator on its own ({@code bin/genesys-emulator}), with the sandbox settings
 * of the host configuration; the port comes from {@code ASSIST_SANDBOX_PORT} or the first argument.
 */
public final class EmulatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorMain.class);

    private EmulatorMain() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("assist.home", ".")).toAbsolutePath().normalize();
        EmulatorSettings settings;
        try {
            settings = EmulatorSettings.of(new ConfigLoader(System.getenv(), System.getProperties()).load(home));
            if (args.length > 0) {
                settings = settings.withPort(Integer.parseInt(args[0]));
            }
        } catch (ConfigException | NumberFormatException e) {
            LOG.error("Invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        GenesysEmulator emulator = new GenesysEmulator(settings, Clock.systemUTC());
        EmulatorSettings chosen = settings;
        vertx.deployVerticle(emulator)
                .onSuccess(id -> {
                    emulator.startGenerator();
                    LOG.info("Genesys Cloud emulator ready at {}; OAuth client id '{}'", emulator.baseUrl(), chosen.clientId());
                })
                .onFailure(failure -> {
                    LOG.error("Emulator failed to start: {}", failure.getMessage(), failure);
                    new Thread(() -> System.exit(1), "emulator-exit").start();
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().toCompletionStage().toCompletableFuture().join(),
                "emulator-shutdown"));
    }
}
