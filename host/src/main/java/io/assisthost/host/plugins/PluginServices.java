package io.assisthost.host.plugins;

import io.assisthost.api.FallbackCause;
import io.assisthost.api.HttpSender;
import io.assisthost.api.KnowledgeSearch;
import io.assisthost.api.KnowledgeUnavailableException;
import io.assisthost.api.PluginConfig;
import io.assisthost.api.PluginContext;
import io.assisthost.api.RecommendationCache;
import io.assisthost.host.config.PluginOptions;
import io.assisthost.host.metrics.PluginMetricsRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The host services plugins reach through their {@link PluginContext}, and the factory of those
 * contexts. The knowledge search and recommendation cache are bound by the components that own them;
 * until then, searches fail as unavailable and the cache holds nothing.
 */
public final class PluginServices {

    private static final KnowledgeSearch NO_KNOWLEDGE = query -> CompletableFuture.failedFuture(
            new KnowledgeUnavailableException(FallbackCause.SOURCE_FAILED,
                    "knowledge search is not available on this host", null));
    private static final RecommendationCache NO_CACHE =
            conversationId -> CompletableFuture.completedFuture(Optional.empty());

    private final PluginOptions options;
    private final HttpSender http;
    private final Clock clock;
    private final MeterRegistry meters;
    private volatile KnowledgeSearch knowledge = NO_KNOWLEDGE;
    private volatile RecommendationCache cache = NO_CACHE;

    public PluginServices(PluginOptions options, HttpSender http, Clock clock, MeterRegistry meters) {
        this.options = options;
        this.http = http;
        this.clock = clock;
        this.meters = meters;
    }

    /** Binds the knowledge search plugins use; contexts created afterwards see it. */
    public PluginServices knowledge(KnowledgeSearch search) {
        this.knowledge = search;
        return this;
    }

    /** Binds the recommendation cache plugins read; contexts created afterwards see it. */
    public PluginServices cache(RecommendationCache recommendationCache) {
        this.cache = recommendationCache;
        return this;
    }

    public Clock clock() {
        return clock;
    }

    PluginContext contextFor(String pluginId) {
        KnowledgeSearch boundKnowledge = knowledge;
        RecommendationCache boundCache = cache;
        return new HostPluginContext(
                pluginId,
                PluginConfig.of(plain(options.configOf(pluginId))),
                http,
                clock,
                new PluginMetricsRecorder(meters, pluginId),
                System.getLogger("plugin." + pluginId),
                query -> boundKnowledge.search(query),
                conversationId -> boundCache.lastKnownGood(conversationId));
    }

    /** Plugin settings as plain maps and lists: plugins must not see Vert.x JSON types. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(JsonObject json) {
        return (Map<String, Object>) plainValue(json);
    }

    private static Object plainValue(Object value) {
        if (value instanceof JsonObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.forEach(entry -> map.put(entry.getKey(), plainValue(entry.getValue())));
            return map;
        }
        if (value instanceof JsonArray array) {
            List<Object> list = new ArrayList<>(array.size());
            array.forEach(item -> list.add(plainValue(item)));
            return list;
        }
        return value;
    }
}
