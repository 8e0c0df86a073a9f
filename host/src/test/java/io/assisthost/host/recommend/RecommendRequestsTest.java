package io.assisthost.host.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.assisthost.host.HostFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendRequestsTest {

    private final RecommendRequests requests = new RecommendRequests(10, "kb-primary", "kb-fallback");

    private List<String> problems(Object body) {
        HostFailure failure = catchThrowableOfType(HostFailure.class, () -> requests.parse(body));
        assertThat(failure.code()).isEqualTo(HostFailure.Code.INVALID);
        return failure.errors().stream().map(e -> ((JsonObject) e).getString("field")).toList();
    }

    @Test
    void aMinimalRequestGetsTheDefaults() {
        RecommendRequest request = requests.parse(new JsonObject().put("conversationId", "c-1"));
        assertThat(request.maxResults()).isEqualTo(10);
        assertThat(request.minRelevance()).isZero();
        assertThat(request.primaryKnowledgeBase()).isEqualTo("kb-primary");
        assertThat(request.fallbackKnowledgeBase()).isEqualTo("kb-fallback");
        assertThat(request.query()).isEmpty();
        assertThat(request.embeddings()).isEmpty();
    }

    @Test
    void readsEveryField() {
        RecommendRequest request = requests.parse(new JsonObject()
                .put("conversationId", "c-1").put("mediaType", "Voice").put("agentId", "a").put("queueId", "q")
                .put("intent", "refund").put("keywords", new JsonArray().add("late").add("delivery"))
                .put("query", "  refund for a late delivery ").put("maxResults", 5).put("minRelevance", 0.4)
                .put("allowedTypes", new JsonArray().add("faq"))
                .put("knowledgeBases", new JsonObject().put("primary", "kb-x").put("fallback", null))
                .put("contextEmbedding", new JsonArray().add(0.1).add(0.2))
                .put("embeddings", new JsonObject().put("doc-1", new JsonArray().add(1).add(0))));
        assertThat(request.query()).isEqualTo("refund for a late delivery");
        assertThat(request.keywords()).containsExactly("late", "delivery");
        assertThat(request.primaryKnowledgeBase()).isEqualTo("kb-x");
        assertThat(request.fallbackKnowledgeBase()).as("an explicit null switches the fallback off").isNull();
        assertThat(request.contextEmbedding()).containsExactly(0.1f, 0.2f);
        assertThat(request.embeddings().get("doc-1")).containsExactly(1f, 0f);
        assertThat(request.context(request.query()).maxResults()).isEqualTo(5);
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        List<String> fields = problems(new JsonObject()
                .put("mediaType", 7).put("keywords", "refund").put("maxResults", 51).put("minRelevance", 1.5)
                .put("allowedTypes", new JsonArray().add(3)).put("contextEmbedding", new JsonArray().add("x"))
                .put("embeddings", new JsonObject().put("d", new JsonArray())).put("colour", "red")
                .put("knowledgeBases", new JsonObject().put("primary", 1).put("tertiary", "kb")));
        assertThat(fields).containsExactlyInAnyOrder("colour", "conversationId", "mediaType", "keywords", "maxResults",
                "minRelevance", "allowedTypes", "knowledgeBases.tertiary", "knowledgeBases.primary", "contextEmbedding",
                "embeddings.d");
    }

    @Test
    void refusesBodiesThatAreNotObjectsAndOversizedText() {
        assertThat(problems(new JsonArray())).containsExactly("body");
        assertThat(problems(new JsonObject().put("conversationId", " "))).containsExactly("conversationId");
        assertThat(problems(new JsonObject().put("conversationId", "c").put("query", "x".repeat(2_001))))
                .containsExactly("query");
        assertThat(problems(new JsonObject().put("conversationId", "c").put("maxResults", 2.5))).containsExactly("maxResults");
    }

    @Test
    void withoutAnyDefaultKnowledgeBaseThePrimaryIsRequired() {
        RecommendRequests bare = new RecommendRequests(10, "", null);
        HostFailure failure = catchThrowableOfType(HostFailure.class, () -> bare.parse(new JsonObject().put("conversationId", "c")));
        assertThat(failure.getMessage()).contains("knowledgeBases.primary");
    }

    @Test
    void queriesComeFromTheRequestElseIntentKeywordsAndRecentCustomerUtterances() {
        TranscriptMemory memory = new TranscriptMemory(2);
        QueryBuilder queries = new QueryBuilder(memory);
        for (String text : List.of("hello", "my parcel is late", "I want a refund")) {
            memory.accept(new io.assisthost.host.genesys.TranscriptEvent("c-1", "u", "customer", text, 0.9, 0, null,
                    false, null, null));
        }
        memory.accept(new io.assisthost.host.genesys.TranscriptEvent("c-1", "u", "agent", "let me check", 0.9, 0, null,
                false, null, null));
        RecommendRequest bare = requests.parse(new JsonObject().put("conversationId", "c-1").put("intent", "refund")
                .put("keywords", new JsonArray().add("parcel")));
        assertThat(queries.query(bare)).isEqualTo("refund parcel my parcel is late I want a refund");
        RecommendRequest unknown = requests.parse(new JsonObject().put("conversationId", "c-2"));
        assertThat(catchThrowableOfType(HostFailure.class, () -> queries.query(unknown)).getMessage()).contains("query");
    }
}
