package io.assisthost.host.metrics;

import io.assisthost.api.MetricsRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.regex.Pattern;

/** Records one plugin's meters as {@code assist_plugin_<name>} tagged with the plugin id. */
public final class PluginMetricsRecorder implements MetricsRecorder {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final MeterRegistry registry;
    private final String pluginId;

    public PluginMetricsRecorder(MeterRegistry registry, String pluginId) {
        this.registry = registry;
        this.pluginId = pluginId;
    }

    @Override
    public void increment(String name, double amount) {
        if (!(amount >= 0)) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        registry.counter(meterName(name), "plugin", pluginId).increment(amount);
    }

    @Override
    public void recordTime(String name, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        registry.timer(meterName(name), "plugin", pluginId).record(duration);
    }

    private static String meterName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name + "' must match " + NAME.pattern());
        }
        return "assist.plugin." + name;
    }
}
