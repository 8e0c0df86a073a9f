package io.assisthost.host.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.List;
import java.util.function.Function;

/** Sizes of the shared maps, read through the asynchronous shared-data API. */
final class MapDescriptions {

    private MapDescriptions() {
    }

    /**
     * @param settings each map's configured settings ({@code backupCount}, {@code ttlSeconds}), merged
     *                 into its entry
     */
    static Future<JsonArray> describe(Vertx vertx, Function<String, JsonObject> settings) {
        List<Future<JsonObject>> maps = SharedMaps.ALL.stream()
                .map(name -> vertx.sharedData().<Object, Object>getAsyncMap(name)
                        .compose(AsyncMap::size)
                        .map(size -> new JsonObject().put("name", name).put("size", size).mergeIn(settings.apply(name)))
                        .otherwise(failure -> new JsonObject().put("name", name).put("error", failure.getMessage())))
                .toList();
        return Future.all(maps).map(all -> new JsonArray(all.<JsonObject>list()));
    }
}
