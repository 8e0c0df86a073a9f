package io.assisthost.host.fuzz;

import io.assisthost.host.fuzz.BadBodies.Range;
import io.assisthost.host.testing.GenesysSandbox;
import io.assisthost.host.testing.TestActions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * The request shapes of the API and the bus: a valid-shaped example of each (with every optional field,
 * so each can be mutated), its required fields and the ranges of its numbers, as README documents them.
 */
final class Shapes {

    private Shapes() {
    }

    static BadBodies recommendation() {
        JsonObject example = new JsonObject()
                .put("conversationId", "c-fuzz").put("mediaType", "voice").put("agentId", "a-1").put("queueId", "q-1")
                .put("intent", "refund").put("keywords", new JsonArray().add("refund")).put("query", "late delivery")
                .put("maxResults", 3).put("minRelevance", 0.1).put("allowedTypes", new JsonArray().add("faq"))
                .put("knowledgeBases", new JsonObject().put("primary", GenesysSandbox.PRIMARY)
                        .put("fallback", GenesysSandbox.FALLBACK))
                .put("contextEmbedding", new JsonArray().add(0.1).add(0.2));
        return new BadBodies(example, Set.of("conversationId"), Map.of("maxResults", new Range(1, 50, true),
                "minRelevance", new Range(0, 1, false)), false, FuzzHost.MAX_BODY_BYTES);
    }

    static BadBodies subscription() {
        JsonObject example = new JsonObject().put("pollIntervalMs", 5_000)
                .put("context", new JsonObject().put("query", "refund").put("maxResults", 5).put("minRelevance", 0.2));
        return new BadBodies(example, Set.of(), Map.of("pollIntervalMs", new Range(50, 3_600_000, true),
                "context.maxResults", new Range(1, 50, true), "context.minRelevance", new Range(0, 1, false)), true,
                FuzzHost.MAX_BODY_BYTES);
    }

    /** No phrase of the fuzz action in its text, so a transcript that got through would trigger nothing. */
    static BadBodies transcript() {
        JsonObject example = new JsonObject().put("conversationId", "c-fuzz").put("text", "hello there")
                .put("confidence", 0.9).put("speaker", "customer").put("mediaType", "voice").put("queueId", "billing")
                .put("skillIds", new JsonArray().add("refunds")).put("utteranceId", "u-1")
                .put("timestamp", "2026-01-01T00:00:00Z");
        return new BadBodies(example, Set.of("conversationId", "text", "confidence"),
                Map.of("confidence", new Range(0, 1, false)), false, FuzzHost.MAX_BODY_BYTES);
    }

    /** An engagement with the card named by its trigger id (one on this node that does not exist). */
    static BadBodies cardEngagement(String nodeId) {
        JsonObject example = new JsonObject().put("type", "rendered")
                .put("triggerId", "00000000-0000-0000-0000-000000000000." + nodeId).put("timestamp", "2026-01-01T00:00:00Z");
        return new BadBodies(example, Set.of("type", "triggerId"), Map.of(), false, FuzzHost.MAX_BODY_BYTES);
    }

    /** An engagement with an article of a recommendation (dismissed: nothing is reported to Genesys). */
    static BadBodies articleEngagement() {
        JsonObject example = new JsonObject().put("type", "dismissed").put("conversationId", "c-fuzz")
                .put("timestamp", "2026-01-01T00:00:00Z")
                .put("document", new JsonObject().put("knowledgeBaseId", GenesysSandbox.PRIMARY).put("documentId", "d-1")
                        .put("searchId", "s-1"));
        return new BadBodies(example, Set.of("type", "conversationId", "document", "document.knowledgeBaseId",
                "document.documentId"), Map.of(), false, FuzzHost.MAX_BODY_BYTES);
    }

    static JsonObject action(String name, String version) {
        JsonObject definition = TestActions.definition(name, version, "refund", "money back").put("enabled", true);
        definition.getJsonObject("trigger").put("match", "any").put("minConfidence", 0.8)
                .put("queueIds", new JsonArray().add("billing")).put("skillIds", new JsonArray().add("refunds"))
                .put("mediaTypes", new JsonArray().add("voice"));
        definition.getJsonObject("ui").put("requiredFeatures", new JsonArray().add("flexbox"));
        return definition.put("rollout", rollout(version));
    }

    static BadBodies action(String version) {
        return new BadBodies(action("fuzz-new", version),
                Set.of("name", "version", "trigger", "trigger.phrases", "content", "content.html"),
                Map.of("trigger.minConfidence", new Range(0, 1, false), "rollout.variants[].weight", new Range(0, 100, true)),
                false, FuzzHost.MAX_BODY_BYTES);
    }

    /** A new version of the fuzz action. */
    static BadBodies actionVersion() {
        return new BadBodies(action(FuzzHost.ACTION, "2.0.0"),
                Set.of("name", "version", "trigger", "trigger.phrases", "content", "content.html"),
                Map.of("trigger.minConfidence", new Range(0, 1, false), "rollout.variants[].weight", new Range(0, 100, true)),
                false, FuzzHost.MAX_BODY_BYTES);
    }

    static BadBodies deploy() {
        return new BadBodies(new JsonObject().put("version", "1.0.0"), Set.of("version"), Map.of(), false,
                FuzzHost.MAX_BODY_BYTES);
    }

    static BadBodies rollout() {
        return new BadBodies(rollout("1.0.0"), Set.of("variants", "variants[0].version", "variants[0].weight",
                "variants[0].group"), Map.of("variants[].weight", new Range(0, 100, true)), false, FuzzHost.MAX_BODY_BYTES);
    }

    private static JsonObject rollout(String version) {
        return new JsonObject().put("variants", new JsonArray().add(new JsonObject().put("version", version)
                .put("weight", 100).put("group", "control")));
    }

    static BadBodies sink(boolean create, String id) {
        JsonObject example = new JsonObject().put("url", "https://hooks.example.com/fuzz")
                .put("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").put("eventTypes", new JsonArray().add("*"))
                .put("description", "fuzz sink").put("enabled", true);
        if (id != null) {
            example.put("id", id);
        }
        return new BadBodies(example, create ? Set.of("url") : Set.of(), Map.of(), false, FuzzHost.MAX_BODY_BYTES);
    }

    static BadBodies replayDeadLetters() {
        return new BadBodies(new JsonObject().put("deadLetters", true), Set.of("deadLetters"), Map.of(), false,
                FuzzHost.MAX_BODY_BYTES);
    }

    static BadBodies replayRange() {
        return new BadBodies(new JsonObject().put("from", "2026-01-01T00:00:00Z").put("to", "2026-01-02T00:00:00Z"),
                Set.of("from"), Map.of(), false, FuzzHost.MAX_BODY_BYTES);
    }

    static BadBodies faults() {
        JsonObject example = new JsonObject().put("target", "*").put("latencyMs", 800).put("jitterMs", 200)
                .put("errorRate", 0.3).put("errorStatus", 503).put("rateLimitRetryAfterSeconds", 20).put("outage", false)
                .put("expireTokens", false);
        return new BadBodies(example, Set.of("target"), Map.of("latencyMs", new Range(0, 60_000, true),
                "jitterMs", new Range(0, 60_000, true), "errorRate", new Range(0, 1, false),
                "errorStatus", new Range(500, 504, true), "rateLimitRetryAfterSeconds", new Range(1, 3_600, true)), false,
                FuzzHost.MAX_BODY_BYTES);
    }

    /** A route that takes no JSON of its own: only the bytes can be wrong. */
    static BadBodies anyJson() {
        return new BadBodies(new JsonObject().put("a", 1), Set.of(), Map.of(), true, FuzzHost.MAX_BODY_BYTES);
    }
}
