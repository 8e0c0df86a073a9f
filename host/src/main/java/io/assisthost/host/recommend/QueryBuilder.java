package io.assisthost.host.recommend;

import io.assisthost.host.HostFailure;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The text searched for a request: its {@code query} when given; else its intent, keywords and the
 * conversation's recent customer utterances, in that order.
 */
public final class QueryBuilder {

    private final TranscriptMemory transcripts;

    public QueryBuilder(TranscriptMemory transcripts) {
        this.transcripts = transcripts;
    }

    /**
     * @throws HostFailure {@code INVALID} when there is nothing to search for
     */
    public String query(RecommendRequest request) {
        if (!request.query().isBlank()) {
            return request.query();
        }
        List<String> parts = new ArrayList<>();
        if (request.intent() != null && !request.intent().isBlank()) {
            parts.add(request.intent().trim());
        }
        parts.addAll(request.keywords());
        parts.addAll(transcripts.recent(request.conversationId()));
        if (parts.isEmpty()) {
            throw HostFailure.invalidFields(new JsonArray().add(HostFailure.fieldError("query",
                    "is required when the request has no intent or keywords and no transcript of the conversation "
                            + "has arrived yet")));
        }
        return String.join(" ", parts);
    }
}
