package io.assisthost.host.plugins;

import io.assisthost.api.HttpSender;
import io.assisthost.api.KnowledgeSearch;
import io.assisthost.api.MetricsRecorder;
import io.assisthost.api.PluginConfig;
import io.assisthost.api.PluginContext;
import io.assisthost.api.RecommendationCache;
import java.time.Clock;

/** The {@link PluginContext} the host gives one plugin start. */
record HostPluginContext(
        String pluginId,
        PluginConfig config,
        HttpSender http,
        Clock clock,
        MetricsRecorder metrics,
        System.Logger logger,
        KnowledgeSearch knowledge,
        RecommendationCache cache) implements PluginContext {
}
