package io.assisthost.host.recommend;

import io.assisthost.api.CachedRecommendations;
import io.assisthost.host.BusReplies;
import io.assisthost.host.HostFailure;
import io.assisthost.host.metrics.LatencyBoard;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves recommendation requests from HTTP and from the {@code assist.recommend} address: validates,
 * runs the pipeline, keeps live results as the interaction's last known good, and lets listeners
 * record the result before it is answered.
 */
public final class RecommendService {

    /** Request/reply address; bodies are the JSON of {@code POST /api/v1/recommendations}. */
    public static final String ADDRESS = "assist.recommend";

    private static final Logger LOG = LoggerFactory.getLogger(RecommendService.class);

    private final RecommendRequests requests;
    private final RecommendationPipeline pipeline;
    private final ResultCache cache;
    private final LatencyBoard board;
    private final List<RecommendationListener> listeners = new CopyOnWriteArrayList<>();
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param maxInFlight how many recommendations may be in progress at once; beyond, requests are refused
     *                    (503) at once, so that an overload shows as refusals instead of a queue that grows
     *                    until answers come too late and the heap is full
     */
    public RecommendService(RecommendRequests requests, RecommendationPipeline pipeline, ResultCache cache,
                            LatencyBoard board, int maxInFlight) {
        this.maxInFlight = maxInFlight;
        this.board = board;
        this.requests = requests;
        this.pipeline = pipeline;
        this.cache = cache;
    }

    public RecommendService addListener(RecommendationListener listener) {
        listeners.add(listener);
        return this;
    }

    public RecommendRequests requests() {
        return requests;
    }

    /** Validates and serves a request body. */
    public Future<Recommendation> recommend(Object body) {
        RecommendRequest request;
        try {
            request = requests.parse(body);
        } catch (HostFailure invalid) {
            return Future.failedFuture(invalid);
        }
        return recommend(request, "request");
    }

    /** Serves a validated request. */
    public Future<Recommendation> recommend(RecommendRequest request, String origin) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return Future.failedFuture(new HostFailure(HostFailure.Code.UNAVAILABLE, "this host is serving "
                    + maxInFlight + " recommendations already (recommend.maxInFlight); try again shortly or another node"));
        }
        long started = System.nanoTime();
        Future<Recommendation> served;
        try {
            served = pipeline.recommend(request);
        } catch (RuntimeException failure) {
            // A failure thrown rather than returned must not keep its slot.
            inFlight.decrementAndGet();
            throw failure;
        }
        return served
                .andThen(result -> {
                    // A request refused as invalid never ran the pipeline; an answer with nothing in it is a failure.
                    if (result.succeeded() || !(result.cause() instanceof HostFailure)) {
                        board.record(LatencyBoard.PIPELINE, LatencyBoard.PIPELINE, System.nanoTime() - started,
                                result.succeeded() && !result.result().items().isEmpty());
                    }
                })
                .compose(recommendation -> record(recommendation, origin))
                .andThen(done -> inFlight.decrementAndGet());
    }

    /** Answers {@code assist.recommend}; failures reply with the documented codes. */
    public MessageConsumer<Object> register(EventBus bus) {
        return bus.consumer(ADDRESS, this::handle);
    }

    private void handle(Message<Object> message) {
        BusReplies.answer(message, recommend(message.body()).map(Recommendation::toJson), LOG);
    }

    private Future<Recommendation> record(Recommendation recommendation, String origin) {
        if (recommendation.live()) {
            cache.put(new CachedRecommendations(recommendation.conversationId(), recommendation.source().knowledgeBaseId(),
                    recommendation.items(), recommendation.generatedAt()))
                    .onFailure(failure -> LOG.warn("Last good result of {} not cached: {}",
                            recommendation.conversationId(), failure.getMessage()));
        }
        long recording = System.nanoTime();
        List<Future<Void>> recorded = new ArrayList<>();
        listeners.forEach(listener -> recorded.add(listener.delivered(recommendation, origin)));
        return Future.all(recorded)
                .andThen(all -> board.record(LatencyBoard.STORE, LatencyBoard.RECOMMENDATION,
                        System.nanoTime() - recording, all.succeeded()))
                .map(all -> recommendation)
                .recover(failure -> Future.failedFuture(new HostFailure(HostFailure.Code.UNAVAILABLE,
                        "the recommendation could not be recorded: " + failure.getMessage(), failure)));
    }
}
