package io.assisthost.api.testing;

import io.assisthost.api.CachedRecommendations;
import io.assisthost.api.Candidate;
import io.assisthost.api.HttpRequest;
import io.assisthost.api.HttpResponse;
import io.assisthost.api.HttpSender;
import io.assisthost.api.KnowledgeQuery;
import io.assisthost.api.KnowledgeSearch;
import io.assisthost.api.MetricsRecorder;
import io.assisthost.api.PluginConfig;
import io.assisthost.api.PluginContext;
import io.assisthost.api.RecommendationCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link PluginContext} for plugin unit tests: settings from a map, a fixed clock, and HTTP,
 * knowledge search and cache answers scripted by the test, with every request recorded.
 */
public final class TestPluginContext implements PluginContext {

    private final String pluginId;
    private final PluginConfig config;
    private Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private Function<HttpRequest, CompletionStage<HttpResponse>> http =
            request -> CompletableFuture.completedFuture(new HttpResponse(200, Map.of(), new byte[0]));
    private Function<KnowledgeQuery, CompletionStage<List<Candidate>>> knowledge =
            query -> CompletableFuture.completedFuture(List.of());
    private final Map<String, CachedRecommendations> cached = new ConcurrentHashMap<>();

    /** Every HTTP request the plugin sent, in order. */
    public final List<HttpRequest> httpRequests = new CopyOnWriteArrayList<>();
    /** Every knowledge query the plugin made, in order. */
    public final List<KnowledgeQuery> knowledgeQueries = new CopyOnWriteArrayList<>();
    /** Counter totals by name. */
    public final Map<String, Double> counters = new ConcurrentHashMap<>();
    /** Recorded durations by timer name. */
    public final Map<String, List<Duration>> timers = new ConcurrentHashMap<>();

    public TestPluginContext(String pluginId, Map<String, ?> settings) {
        this.pluginId = pluginId;
        this.config = PluginConfig.of(settings);
    }

    public TestPluginContext(String pluginId) {
        this(pluginId, Map.of());
    }

    /** Sets the clock. */
    public TestPluginContext clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    /** Scripts the HTTP answers. */
    public TestPluginContext http(Function<HttpRequest, CompletionStage<HttpResponse>> answer) {
        this.http = answer;
        return this;
    }

    /** Scripts the knowledge search answers. */
    public TestPluginContext knowledge(Function<KnowledgeQuery, CompletionStage<List<Candidate>>> answer) {
        this.knowledge = answer;
        return this;
    }

    /** Puts an entry in the recommendation cache. */
    public TestPluginContext cache(CachedRecommendations entry) {
        cached.put(entry.conversationId(), entry);
        return this;
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
        return request -> {
            httpRequests.add(request);
            return http.apply(request);
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public MetricsRecorder metrics() {
        return new MetricsRecorder() {
            @Override
            public void increment(String name, double amount) {
                counters.merge(name, amount, Double::sum);
            }

            @Override
            public void recordTime(String name, Duration duration) {
                timers.computeIfAbsent(name, k -> new ArrayList<>()).add(duration);
            }
        };
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("plugin." + pluginId);
    }

    @Override
    public KnowledgeSearch knowledge() {
        return query -> {
            knowledgeQueries.add(query);
            return knowledge.apply(query);
        };
    }

    @Override
    public RecommendationCache cache() {
        return conversationId -> CompletableFuture.completedFuture(Optional.ofNullable(cached.get(conversationId)));
    }
}
