package io.assisthost.host.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * Publishes this node's live figures on {@link #ADDRESS} once a second: the {@link LatencyBoard}
 * snapshot with the node id and the current breaker states. Every node publishes; a console shows
 * one node or merges them.
 */
public final class LatencyPublisher {

    /** Where the snapshots go. */
    public static final String ADDRESS = "assist.latency";

    private final Vertx vertx;
    private final LatencyBoard board;
    private final String nodeId;
    private final Supplier<JsonArray> breakers;
    private long timer = -1;

    /** @param breakers the breakers of this node (knowledge bases and webhook sinks) with their states */
    public LatencyPublisher(Vertx vertx, LatencyBoard board, String nodeId, Supplier<JsonArray> breakers) {
        this.vertx = vertx;
        this.board = board;
        this.nodeId = nodeId;
        this.breakers = breakers;
    }

    /** The snapshot that would be published now. */
    public JsonObject snapshot() {
        return board.snapshot().put("node", nodeId).put("breakers", breakers.get());
    }

    public void start() {
        timer = vertx.setPeriodic(1_000, id -> vertx.eventBus().publish(ADDRESS, snapshot()));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
