package io.assisthost.host.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** The view of a host that runs without a cluster manager: a cluster of one, with local maps. */
public final class LocalClusterView implements ClusterView {

    private final Vertx vertx;
    private final String selfId = UUID.randomUUID().toString();

    public LocalClusterView(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public String selfId() {
        return selfId;
    }

    @Override
    public boolean joined() {
        return true;
    }

    @Override
    public List<String> memberIds() {
        return List.of(selfId());
    }

    @Override
    public Future<JsonObject> describe() {
        JsonObject self = new JsonObject().put("id", selfId).put("address", "local");
        return MapDescriptions.describe(vertx, name -> new JsonObject()).map(maps -> new JsonObject()
                .put("clustered", false)
                .put("self", self)
                .put("members", new JsonArray().add(self.copy().put("self", true)))
                .put("maps", maps));
    }
}
