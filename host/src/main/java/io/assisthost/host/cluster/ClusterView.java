package io.assisthost.host.cluster;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What this node knows of its cluster, for {@code GET /api/v1/cluster} and readiness.
 */
public interface ClusterView {

    /** This node's id, as the event bus and the cluster know it. */
    String selfId();

    /** The ids of the members, this node's included. */
    List<String> memberIds();

    /** Whether this node is currently a member of a running cluster (always true for a local view). */
    boolean joined();

    /**
     * Describes the cluster: {@code self}, {@code members} and the shared {@code maps} with their sizes.
     * Never blocks.
     */
    Future<JsonObject> describe();
}
