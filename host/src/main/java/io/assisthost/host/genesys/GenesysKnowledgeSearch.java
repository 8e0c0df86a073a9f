package io.assisthost.host.genesys;

import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchRequest;
import io.assisthost.api.Candidate;
import io.assisthost.api.FallbackCause;
import io.assisthost.api.KnowledgeQuery;
import io.assisthost.api.KnowledgeSearch;
import io.assisthost.api.KnowledgeUnavailableException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The {@link KnowledgeSearch} plugins get: a Genesys document search with article text. */
public final class GenesysKnowledgeSearch implements KnowledgeSearch {

    private final GenesysClient client;
    private final KnowledgeCandidates candidates;

    public GenesysKnowledgeSearch(GenesysClient client, KnowledgeCandidates candidates) {
        this.client = client;
        this.candidates = candidates;
    }

    @Override
    public CompletionStage<List<Candidate>> search(KnowledgeQuery query) {
        KnowledgeDocumentSearchRequest request = KnowledgeRequests.search(query.query(), query.context(),
                query.maxResults(), KnowledgeDocumentSearchRequest.QueryTypeEnum.AUTOSEARCH);
        return client.search(query.knowledgeBaseId(), request, true)
                .map(search -> candidates.from(query.knowledgeBaseId(), search))
                .recover(failure -> io.vertx.core.Future.failedFuture(unavailable(GenesysFailure.from(failure))))
                .toCompletionStage();
    }

    private static KnowledgeUnavailableException unavailable(GenesysFailure failure) {
        FallbackCause cause = switch (failure.kind()) {
            case RATE_LIMITED -> FallbackCause.RATE_LIMITED;
            case TIMEOUT -> FallbackCause.TIMEOUT;
            default -> FallbackCause.SOURCE_FAILED;
        };
        return new KnowledgeUnavailableException(cause, failure.getMessage(), failure.retryAfter());
    }
}
