package io.assisthost.host.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.spi.VertxMetricsFactory;
import java.util.HashSet;
import java.util.Set;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * Owns the one meter registry of a host process: Vert.x' own metrics (HTTP server and client, event
 * bus, pools), JVM metrics, and the host's and plugins' meters.
 */
public final class Metrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private JvmGcMetrics gcMetrics;

    /** Binds the JVM meters; call once. */
    public Metrics bindJvm() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        return this;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The factory that makes Vert.x record into this registry. */
    public VertxMetricsFactory vertxMetricsFactory() {
        return new MicrometerMetricsFactory(registry);
    }

    /** The Vert.x metrics options that go with {@link #vertxMetricsFactory()}. */
    public static MicrometerMetricsOptions vertxMetricsOptions() {
        // The local address label keeps the host's and the sandbox emulator's HTTP servers apart.
        Set<Label> labels = new HashSet<>(MicrometerMetricsOptions.DEFAULT_LABELS);
        labels.add(Label.LOCAL);
        labels.add(Label.HTTP_ROUTE);
        return new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(false)
                .setLabels(labels)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
    }

    /** Releases the GC listeners. */
    public void close() {
        if (gcMetrics != null) {
            gcMetrics.close();
        }
        registry.close();
    }
}
