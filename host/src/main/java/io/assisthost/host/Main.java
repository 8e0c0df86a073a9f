package io.assisthost.host;

import io.assisthost.host.cluster.ClusterBootstrap;
import io.assisthost.host.config.ConfigException;
import io.assisthost.host.config.ConfigLoader;
import io.assisthost.host.config.HostConfig;
import io.assisthost.host.metrics.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts assist-host: loads the configuration, joins the cluster, deploys the host. On SIGTERM (or
 * Ctrl-C) it closes Vert.x, which stops the HTTP server and the plugins and leaves the cluster.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final long SHUTDOWN_SECONDS = 30;

    private Main() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        Path home = Path.of(System.getProperty("assist.home", ".")).toAbsolutePath().normalize();
        HostConfig config;
        try {
            config = new ConfigLoader(System.getenv(), System.getProperties()).load(home);
        } catch (ConfigException e) {
            LOG.error("Invalid configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Metrics metrics = new Metrics().bindJvm();
        AtomicReference<Vertx> running = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(running.get(), metrics), "assist-shutdown"));

        VertxOptions options = new VertxOptions().setMetricsOptions(Metrics.vertxMetricsOptions());
        new ClusterBootstrap(config.cluster()).start(options, metrics.vertxMetricsFactory())
                .onSuccess(running::set)
                .compose(vertx -> vertx.deployVerticle(new HostVerticle(config, metrics, Clock.systemUTC(), System.out)))
                .onSuccess(id -> LOG.info("assist-host started in {} ms",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)))
                .onFailure(failure -> {
                    LOG.error("assist-host failed to start: {}", failure.getMessage(), failure);
                    // Exiting runs the shutdown hook, which waits for Vert.x: never do it on an event loop.
                    new Thread(() -> System.exit(1), "assist-exit").start();
                });
    }

    private static void shutdown(Vertx vertx, Metrics metrics) {
        if (vertx == null) {
            return;
        }
        LOG.info("Shutting down: closing the HTTP server, stopping plugins, leaving the cluster");
        CountDownLatch closed = new CountDownLatch(1);
        vertx.close().onComplete(result -> {
            if (result.failed()) {
                LOG.warn("Shutdown was not clean: {}", result.cause().getMessage());
            }
            closed.countDown();
        });
        try {
            if (!closed.await(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Shutdown did not finish within {} s", SHUTDOWN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
        LOG.info("assist-host stopped");
    }
}
