package io.assisthost.host.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;

/** The view of a node in a Hazelcast cluster. */
public final class HazelcastClusterView implements ClusterView {

    private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

    private final Vertx vertx;
    private final HazelcastClusterManager clusterManager;

    private HazelcastClusterView(Vertx vertx, HazelcastClusterManager clusterManager) {
        this.vertx = vertx;
        this.clusterManager = clusterManager;
    }

    /** The view of a clustered Vert.x, or a {@link LocalClusterView} for one without a cluster manager. */
    public static ClusterView of(Vertx vertx) {
        if (vertx instanceof VertxInternal internal
                && internal.clusterManager() instanceof HazelcastClusterManager hazelcast) {
            return new HazelcastClusterView(vertx, hazelcast);
        }
        return new LocalClusterView(vertx);
    }

    @Override
    public String selfId() {
        return clusterManager.getNodeId();
    }

    @Override
    public boolean joined() {
        return clusterManager.isActive() && clusterManager.getHazelcastInstance().getLifecycleService().isRunning();
    }

    @Override
    public List<String> memberIds() {
        List<String> ids = new ArrayList<>();
        for (Member member : clusterManager.getHazelcastInstance().getCluster().getMembers()) {
            String nodeId = member.getAttribute(NODE_ID_ATTRIBUTE);
            ids.add(nodeId != null ? nodeId : member.getUuid().toString());
        }
        return ids;
    }

    @Override
    public Future<JsonObject> describe() {
        HazelcastInstance hazelcast = clusterManager.getHazelcastInstance();
        JsonArray members = new JsonArray();
        JsonObject self = null;
        for (Member member : hazelcast.getCluster().getMembers()) {
            JsonObject entry = describe(member);
            members.add(entry);
            if (member.localMember()) {
                self = entry.copy();
            }
        }
        JsonObject selfEntry = self;
        return MapDescriptions.describe(vertx, name -> settings(hazelcast.getConfig().findMapConfig(name)))
                .map(maps -> new JsonObject()
                        .put("clustered", true)
                        .put("clusterName", hazelcast.getConfig().getClusterName())
                        .put("self", selfEntry)
                        .put("members", members)
                        .put("maps", maps));
    }

    private JsonObject describe(Member member) {
        String nodeId = member.getAttribute(NODE_ID_ATTRIBUTE);
        return new JsonObject()
                .put("id", nodeId != null ? nodeId : member.getUuid().toString())
                .put("address", member.getAddress().getHost() + ":" + member.getAddress().getPort())
                .put("self", member.localMember());
    }

    private static JsonObject settings(MapConfig config) {
        return new JsonObject()
                .put("backupCount", config.getBackupCount())
                .put("ttlSeconds", config.getTimeToLiveSeconds());
    }
}
