package io.assisthost.host.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.internal.util.ConcurrencyUtil;
import io.assisthost.host.config.ClusterOptions;
import io.assisthost.host.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts a clustered Vert.x on Hazelcast: {@code conf/cluster.xml} for maps and timings, this node's
 * interface, member port and member list from the host configuration, and the event bus bound to the
 * same interface on a free port.
 */
public final class ClusterBootstrap {

    private static ExecutorService hazelcastCallbacks;

    private final ClusterOptions options;

    public ClusterBootstrap(ClusterOptions options) {
        this.options = options;
    }

    /**
     * The Hazelcast configuration this node would join with. Reads the XML file, so call it off the
     * event loop (at boot, from {@code main}).
     */
    public Config hazelcastConfig() {
        if (!Files.isRegularFile(options.configFile())) {
            throw new ConfigException("cluster.config: Hazelcast configuration " + options.configFile() + " does not exist");
        }
        Config config;
        try {
            config = new FileSystemXmlConfig(options.configFile().toFile());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cluster.config: cannot read " + options.configFile() + ": " + e.getMessage(), e);
        }
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.port()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).clear().addInterface(options.host());
        network.setPublicAddress(null);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(options.members());
        return config;
    }

    /**
     * Joins the cluster and returns the clustered Vert.x.
     *
     * @param vertxOptions    options for the new Vert.x (event bus settings are set here)
     * @param metricsFactory  where Vert.x records its metrics, or {@code null} for none
     */
    public Future<Vertx> start(VertxOptions vertxOptions, VertxMetricsFactory metricsFactory) {
        runHazelcastCallbacksOnReusedThreads();
        HazelcastClusterManager clusterManager = new HazelcastClusterManager(hazelcastConfig());
        VertxOptions withBus = new VertxOptions(vertxOptions)
                .setEventBusOptions(new EventBusOptions(vertxOptions.getEventBusOptions()).setHost(options.host()).setPort(0));
        var builder = Vertx.builder().with(withBus).withClusterManager(clusterManager);
        if (metricsFactory != null) {
            builder.withMetrics(metricsFactory);
        }
        return builder.buildClustered();
    }

    /**
     * Hazelcast runs the callbacks of its futures (every shared-map call of the Vert.x cluster manager has
     * one) on the JDK's common fork-join pool, except where that pool has a single thread, on machines with
     * two cores or fewer: there, as {@code CompletableFuture} does, it starts a new thread for each callback,
     * hundreds a second under load. Here they run on a pool that, like that default, never makes a callback
     * wait for another (some of Hazelcast's own make calls that must not run on its I/O threads), but keeps
     * its threads for the next ones. The setting is the JVM's; the first node started sets it.
     */
    static synchronized void runHazelcastCallbacksOnReusedThreads() {
        if (hazelcastCallbacks == null) {
            AtomicInteger count = new AtomicInteger();
            hazelcastCallbacks = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "assist-hazelcast-callback-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            ConcurrencyUtil.setDefaultAsyncExecutor(hazelcastCallbacks);
        }
    }
}
