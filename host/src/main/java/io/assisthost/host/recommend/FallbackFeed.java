package io.assisthost.host.recommend;

import io.assisthost.host.metrics.LatencyBoard;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Makes fallbacks visible while they happen: each recommendation the primary knowledge base did not
 * serve counts on the live board (stage {@code fallback}, named by the strategy that served, or
 * {@code none} when every strategy declined, which counts as an error) and is published on
 * {@link #ADDRESS} for the console's event stream.
 */
public final class FallbackFeed implements RecommendationListener {

    /** Where each fallback is published, cluster-wide. */
    public static final String ADDRESS = "assist.fallbacks";
    static final String NOTHING_SERVED = "none";

    private final EventBus bus;
    private final LatencyBoard board;
    private final String nodeId;
    private final Clock clock;

    FallbackFeed(EventBus bus, LatencyBoard board, String nodeId, Clock clock) {
        this.bus = bus;
        this.board = board;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @Override
    public Future<Void> delivered(Recommendation recommendation, String origin) {
        Recommendation.Source source = recommendation.source();
        if (source.fallback() || source.cause() != null) {
            boolean served = source.strategy() != null;
            long totalMs = recommendation.latencyMs().getOrDefault("total", 0L);
            board.record(LatencyBoard.FALLBACK, served ? source.strategy() : NOTHING_SERVED,
                    TimeUnit.MILLISECONDS.toNanos(totalMs), served);
            bus.publish(ADDRESS, new JsonObject()
                    .put("node", nodeId)
                    .put("at", clock.instant().toString())
                    .put("conversationId", recommendation.conversationId())
                    .put("origin", origin)
                    .put("source", source.toJson())
                    .put("items", recommendation.items().size()));
        }
        return Future.succeededFuture();
    }
}
