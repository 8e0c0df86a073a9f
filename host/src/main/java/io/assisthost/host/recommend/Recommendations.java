package io.assisthost.host.recommend;

import io.assisthost.host.config.HostConfig;
import io.assisthost.host.genesys.ArticleTexts;
import io.assisthost.host.genesys.GenesysClient;
import io.assisthost.host.genesys.KnowledgeCandidates;
import io.assisthost.host.genesys.TranscriptEvent;
import io.assisthost.host.metrics.LatencyBoard;
import io.assisthost.host.plugins.ExtensionRegistry;
import io.assisthost.host.plugins.PluginInvoker;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The recommendation feature assembled: source, breakers, pipeline, service, subscriptions. */
public final class Recommendations {

    private final BreakerRegistry breakers;
    private final KnowledgeSource knowledge;
    private final ResultCache cache;
    private final TranscriptMemory transcripts;
    private final RecommendService service;
    private final SubscriptionManager subscriptions;
    private final Vertx vertx;
    private MessageConsumer<Object> consumer;

    /**
     * @param primaryKnowledgeBase  the default knowledge base of requests
     * @param fallbackKnowledgeBase the default fallback knowledge base, or {@code null}
     */
    public Recommendations(Vertx vertx, HostConfig config, GenesysClient client, String primaryKnowledgeBase,
                           String fallbackKnowledgeBase, Supplier<ExtensionRegistry> extensions, PluginInvoker invoker,
                           String nodeId, IntSupplier members, Clock clock, MeterRegistry meters, LatencyBoard board) {
        this.vertx = vertx;
        this.breakers = new BreakerRegistry(vertx, config.recommend(), clock, nodeId);
        int articleTexts = config.genesys().articleTextCache();
        this.knowledge = new KnowledgeSource(client, new KnowledgeCandidates(config.genesys().contentTypeLabels(),
                config.genesys().defaultContentType()),
                articleTexts == 0 ? null : new ArticleTexts(vertx, client, articleTexts), breakers, meters, board);
        this.cache = new ResultCache(vertx);
        this.transcripts = new TranscriptMemory(config.recommend().recentUtterances());
        RecommendationPipeline pipeline = new RecommendationPipeline(knowledge, extensions, invoker,
                new ScoreCombiner(config.recommend().weights()), new QueryBuilder(transcripts),
                config.recommend().candidatePool(), config.plugins().fallbackTimeout(), clock);
        this.service = new RecommendService(new RecommendRequests(config.recommend().defaultMaxResults(),
                primaryKnowledgeBase, fallbackKnowledgeBase), pipeline, cache, board, config.recommend().maxInFlight());
        service.addListener(new FallbackFeed(vertx.eventBus(), board, nodeId, clock));
        this.subscriptions = new SubscriptionManager(vertx, service, config.recommend(), nodeId, members, clock);
        transcripts.onEnded(subscriptions::ended);
    }

    /** Starts answering {@code assist.recommend} and polling subscriptions. */
    public Future<Void> start() {
        consumer = service.register(vertx.eventBus());
        subscriptions.start();
        return consumer.completion();
    }

    /** Feeds a transcript event (recent utterances, conversation ends). */
    public void accept(TranscriptEvent event) {
        transcripts.accept(event);
    }

    public KnowledgeSource knowledge() {
        return knowledge;
    }

    public ResultCache cache() {
        return cache;
    }

    public RecommendService service() {
        return service;
    }

    public SubscriptionManager subscriptions() {
        return subscriptions;
    }

    public BreakerRegistry breakers() {
        return breakers;
    }

    public Future<Void> close() {
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        return unregistered.eventually(subscriptions::close).eventually(() -> {
            breakers.close();
            return Future.succeededFuture();
        });
    }
}
