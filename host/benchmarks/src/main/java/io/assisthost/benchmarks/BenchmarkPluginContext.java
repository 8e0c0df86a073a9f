package io.assisthost.benchmarks;

import io.assisthost.api.HttpSender;
import io.assisthost.api.KnowledgeSearch;
import io.assisthost.api.MetricsRecorder;
import io.assisthost.api.PluginConfig;
import io.assisthost.api.PluginContext;
import io.assisthost.api.RecommendationCache;
import java.time.Clock;
import java.util.Map;

/**
 * The smallest {@link PluginContext} that lets a bundled plugin be constructed outside the host: only
 * {@link #config()} is real. The host services throw, so a benchmark that reached one by accident
 * fails loudly instead of measuring a fake.
 */
final class BenchmarkPluginContext implements PluginContext {

    private final String pluginId;
    private final PluginConfig config;

    BenchmarkPluginContext(String pluginId, Map<String, ?> settings) {
        this.pluginId = pluginId;
        this.config = PluginConfig.of(settings);
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public HttpSender http() {
        throw unsupported("http");
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public MetricsRecorder metrics() {
        throw unsupported("metrics");
    }

    @Override
    public System.Logger logger() {
        return System.getLogger(pluginId);
    }

    @Override
    public KnowledgeSearch knowledge() {
        throw unsupported("knowledge");
    }

    @Override
    public RecommendationCache cache() {
        throw unsupported("cache");
    }

    private static UnsupportedOperationException unsupported(String service) {
        return new UnsupportedOperationException(service + " is not available in benchmarks");
    }
}
