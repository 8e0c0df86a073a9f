package io.assisthost.host.recommend;

import io.assisthost.api.CachedRecommendations;
import io.assisthost.api.Candidate;
import io.assisthost.api.RecommendationCache;
import io.assisthost.host.cluster.SharedMaps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The last good result of every interaction, in the cluster-wide {@code assist.results} map: written
 * after every non-empty answer from a live source, read by the stale-cache fallback on any node.
 */
public final class ResultCache implements RecommendationCache {

    private final Vertx vertx;

    public ResultCache(Vertx vertx) {
        this.vertx = vertx;
    }

    public Future<Void> put(CachedRecommendations entry) {
        JsonObject json = new JsonObject()
                .put("conversationId", entry.conversationId())
                .put("knowledgeBaseId", entry.knowledgeBaseId())
                .put("storedAt", entry.storedAt().toString())
                .put("candidates", new JsonArray(entry.candidates().stream().map(CandidateJson::toJson).toList()));
        return map().compose(map -> map.put(entry.conversationId(), json));
    }

    public Future<Optional<CachedRecommendations>> get(String conversationId) {
        return map().compose(map -> map.get(conversationId)).map(json -> Optional.ofNullable(json).map(ResultCache::entry));
    }

    @Override
    public CompletionStage<Optional<CachedRecommendations>> lastKnownGood(String conversationId) {
        return get(conversationId).toCompletionStage();
    }

    private Future<AsyncMap<String, JsonObject>> map() {
        return vertx.sharedData().getAsyncMap(SharedMaps.RESULTS);
    }

    private static CachedRecommendations entry(JsonObject json) {
        List<Candidate> candidates = json.getJsonArray("candidates").stream()
                .map(item -> CandidateJson.fromJson((JsonObject) item)).toList();
        return new CachedRecommendations(json.getString("conversationId"), json.getString("knowledgeBaseId"), candidates,
                Instant.parse(json.getString("storedAt")));
    }
}
