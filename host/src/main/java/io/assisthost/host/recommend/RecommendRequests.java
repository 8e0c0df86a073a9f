package io.assisthost.host.recommend;

import io.assisthost.host.HostFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads recommendation requests from JSON and validates every field, collecting all problems so that
 * one 400 (or one bus failure) names each bad field and why.
 */
public final class RecommendRequests {

    private static final Set<String> FIELDS = Set.of("conversationId", "mediaType", "agentId", "queueId", "intent",
            "keywords", "query", "maxResults", "minRelevance", "allowedTypes", "knowledgeBases", "contextEmbedding",
            "embeddings");
    private static final int MAX_TEXT = 2_000;
    private static final int MAX_ID = 200;
    private static final int MAX_LIST = 50;
    private static final int MAX_DIMENSIONS = 4_096;
    private static final int MAX_EMBEDDINGS = 200;

    private final int defaultMaxResults;
    private final String defaultPrimary;
    private final String defaultFallback;

    /**
     * @param defaultPrimary  the knowledge base searched when a request names none
     * @param defaultFallback the fallback knowledge base when a request names none, or {@code null}
     */
    public RecommendRequests(int defaultMaxResults, String defaultPrimary, String defaultFallback) {
        this.defaultMaxResults = defaultMaxResults;
        this.defaultPrimary = defaultPrimary;
        this.defaultFallback = defaultFallback;
    }

    /**
     * @throws HostFailure {@code INVALID}, with an entry per bad field
     */
    public RecommendRequest parse(Object body) {
        if (!(body instanceof JsonObject json)) {
            throw HostFailure.invalidFields(new JsonArray().add(HostFailure.fieldError("body", "must be a JSON object")));
        }
        Fields fields = new Fields(json);
        json.fieldNames().stream().filter(name -> !FIELDS.contains(name)).sorted()
                .forEach(name -> fields.problem(name, "is not a known field"));
        String conversationId = fields.text("conversationId", MAX_ID, true);
        String mediaType = fields.text("mediaType", MAX_ID, false);
        String agentId = fields.text("agentId", MAX_ID, false);
        String queueId = fields.text("queueId", MAX_ID, false);
        String intent = fields.text("intent", MAX_TEXT, false);
        List<String> keywords = fields.strings("keywords");
        String query = fields.text("query", MAX_TEXT, false);
        int maxResults = fields.whole("maxResults", 1, 50, defaultMaxResults);
        double minRelevance = fields.unit("minRelevance");
        List<String> allowedTypes = fields.strings("allowedTypes");
        JsonObject bases = fields.object("knowledgeBases");
        String primary = bases == null ? defaultPrimary : new Fields(bases, "knowledgeBases.", fields).text("primary", MAX_ID, false);
        String fallback = bases == null ? defaultFallback : new Fields(bases, "knowledgeBases.", fields).text("fallback", MAX_ID, false);
        if (bases != null) {
            primary = primary == null ? defaultPrimary : primary;
            fallback = fallback == null && !bases.containsKey("fallback") ? defaultFallback : fallback;
        }
        if (primary == null || primary.isBlank()) {
            fields.problem("knowledgeBases.primary", "is required: no default knowledge base is configured");
        }
        float[] contextEmbedding = fields.vector(json.getValue("contextEmbedding"), "contextEmbedding");
        Map<String, float[]> embeddings = fields.embeddings();
        fields.throwIfAny();
        return new RecommendRequest(conversationId, mediaType, agentId, queueId, intent, keywords,
                query == null ? "" : query.trim(), maxResults, minRelevance, allowedTypes, primary,
                fallback == null || fallback.isBlank() ? null : fallback, contextEmbedding, embeddings);
    }


    /** Typed reads of one JSON object that record problems instead of throwing. */
    private static final class Fields {
        private final JsonObject json;
        private final String prefix;
        private final JsonArray problems;

        Fields(JsonObject json) {
            this.json = json;
            this.prefix = "";
            this.problems = new JsonArray();
        }

        Fields(JsonObject json, String prefix, Fields parent) {
            this.json = json;
            this.prefix = prefix;
            this.problems = parent.problems;
        }

        void problem(String field, String message) {
            problems.add(HostFailure.fieldError(prefix + field, message));
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw HostFailure.invalidFields(problems);
            }
        }

        String text(String name, int max, boolean required) {
            Object value = json.getValue(name);
            if (value == null) {
                if (required) {
                    problem(name, "is required");
                }
                return null;
            }
            if (!(value instanceof String text)) {
                problem(name, "must be a string");
                return null;
            }
            if (required && text.isBlank()) {
                problem(name, "must not be blank");
            } else if (text.length() > max) {
                problem(name, "must be at most " + max + " characters");
            }
            return text;
        }

        List<String> strings(String name) {
            Object value = json.getValue(name);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof JsonArray array) || array.size() > MAX_LIST
                    || !array.stream().allMatch(item -> item instanceof String text && !text.isBlank() && text.length() <= MAX_ID)) {
                problem(name, "must be an array of at most " + MAX_LIST + " non-blank strings of at most " + MAX_ID + " characters");
                return List.of();
            }
            return array.stream().map(String.class::cast).toList();
        }

        int whole(String name, int min, int max, int defaultValue) {
            Object value = json.getValue(name);
            if (value == null) {
                return defaultValue;
            }
            if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                    || number.doubleValue() < min || number.doubleValue() > max) {
                problem(name, "must be a whole number from " + min + " to " + max);
                return defaultValue;
            }
            return number.intValue();
        }

        double unit(String name) {
            Object value = json.getValue(name);
            if (value == null) {
                return 0;
            }
            if (!(value instanceof Number number) || !(number.doubleValue() >= 0 && number.doubleValue() <= 1)) {
                problem(name, "must be a number from 0 to 1");
                return 0;
            }
            return number.doubleValue();
        }

        JsonObject object(String name) {
            Object value = json.getValue(name);
            if (value == null) {
                return null;
            }
            if (!(value instanceof JsonObject object)) {
                problem(name, "must be an object");
                return null;
            }
            for (String field : object.fieldNames()) {
                if (!field.equals("primary") && !field.equals("fallback")) {
                    problem(name + "." + field, "is not a known field");
                }
            }
            return object;
        }

        float[] vector(Object value, String name) {
            if (value == null) {
                return null;
            }
            if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_DIMENSIONS) {
                problem(name, "must be an array of 1 to " + MAX_DIMENSIONS + " numbers");
                return null;
            }
            float[] vector = new float[array.size()];
            for (int i = 0; i < vector.length; i++) {
                if (!(array.getValue(i) instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    problem(name, "must hold only finite numbers");
                    return null;
                }
                vector[i] = number.floatValue();
            }
            return vector;
        }

        Map<String, float[]> embeddings() {
            Object value = json.getValue("embeddings");
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof JsonObject object) || object.size() > MAX_EMBEDDINGS) {
                problem("embeddings", "must be an object of at most " + MAX_EMBEDDINGS + " document id → number array");
                return Map.of();
            }
            Map<String, float[]> embeddings = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(object.fieldNames());
            for (String documentId : names) {
                float[] vector = vector(object.getValue(documentId), "embeddings." + documentId);
                if (vector != null) {
                    embeddings.put(documentId, vector);
                }
            }
            return embeddings;
        }
    }
}
