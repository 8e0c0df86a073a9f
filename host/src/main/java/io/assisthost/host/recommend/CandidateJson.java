package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Candidates as reply items and as cache entries; the article text is left out of both. */
final class CandidateJson {

    private CandidateJson() {
    }

    static JsonObject toJson(Candidate candidate) {
        JsonObject scores = new JsonObject();
        candidate.scores().forEach((component, value) -> scores.put(component, round(value)));
        return new JsonObject()
                .put("documentId", candidate.documentId())
                .put("knowledgeBaseId", candidate.knowledgeBaseId())
                .put("title", candidate.title())
                .put("contentType", candidate.contentType())
                .put("url", candidate.url())
                .put("category", candidate.category())
                .put("labels", new JsonArray(candidate.labels()))
                .put("version", candidate.version())
                .put("confidence", round(candidate.confidence()))
                .put("scores", scores)
                .put("combinedScore", round(candidate.combinedScore()));
    }

    static Candidate fromJson(JsonObject json) {
        Map<String, Double> scores = new LinkedHashMap<>();
        json.getJsonObject("scores", new JsonObject()).forEach(entry ->
                scores.put(entry.getKey(), ((Number) entry.getValue()).doubleValue()));
        List<String> labels = json.getJsonArray("labels", new JsonArray()).stream().map(String::valueOf).toList();
        double confidence = json.getDouble("confidence", 0.0);
        return new Candidate(json.getString("documentId"), json.getString("knowledgeBaseId"), json.getString("title"),
                json.getString("contentType"), json.getString("url"), "", json.getString("version"),
                json.getString("category"), labels, confidence, null,
                scores.isEmpty() ? Map.of(Candidate.RELEVANCE, confidence) : scores,
                json.getDouble("combinedScore", confidence));
    }

    /** Scores to six decimals: stable in JSON, far finer than any ranking needs. */
    static double round(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
