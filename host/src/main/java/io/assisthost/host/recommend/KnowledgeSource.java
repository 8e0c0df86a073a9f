package io.assisthost.host.recommend;

import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearch;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchRequest;
import io.assisthost.api.Candidate;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.KnowledgeQuery;
import io.assisthost.api.KnowledgeSearch;
import io.assisthost.api.KnowledgeUnavailableException;
import io.assisthost.host.genesys.ArticleTexts;
import io.assisthost.host.genesys.GenesysClient;
import io.assisthost.host.genesys.KnowledgeCandidates;
import io.assisthost.host.genesys.KnowledgeRequests;
import io.assisthost.host.metrics.LatencyBoard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Genesys knowledge search behind the knowledge base's circuit breaker, with article text, as
 * candidates. The one way the host, and plugins through {@link KnowledgeSearch}, search knowledge.
 * Article texts come from {@link ArticleTexts} when the host keeps them (the search then leaves out
 * the documents' variations), else with every search. The breaker's timeout bounds both.
 */
public final class KnowledgeSource implements KnowledgeSearch {

    private final GenesysClient client;
    private final KnowledgeCandidates candidates;
    private final ArticleTexts texts;
    private final BreakerRegistry breakers;
    private final MeterRegistry meters;
    private final LatencyBoard board;

    /** @param texts the article texts this node keeps, or {@code null} to have every search carry them */
    public KnowledgeSource(GenesysClient client, KnowledgeCandidates candidates, ArticleTexts texts,
                           BreakerRegistry breakers, MeterRegistry meters, LatencyBoard board) {
        this.board = board;
        this.client = client;
        this.candidates = candidates;
        this.texts = texts;
        this.breakers = breakers;
        this.meters = meters;
    }

    /** What one search found: Genesys' id of the search and the candidates, best first. */
    public record Found(String searchId, List<Candidate> candidates) {
    }

    /**
     * Searches one knowledge base.
     *
     * @return the candidates, best first; or a failed future with a {@link SourceFailure}
     */
    public Future<List<Candidate>> search(String knowledgeBaseId, InteractionContext context, String query, int pageSize) {
        return find(knowledgeBaseId, context, query, pageSize).map(Found::candidates);
    }

    /**
     * Searches one knowledge base, keeping the search id.
     *
     * @return what was found; or a failed future with a {@link SourceFailure}
     */
    public Future<Found> find(String knowledgeBaseId, InteractionContext context, String query, int pageSize) {
        KnowledgeDocumentSearchRequest request = KnowledgeRequests.search(query, context, pageSize,
                KnowledgeDocumentSearchRequest.QueryTypeEnum.AUTOSEARCH);
        long started = System.nanoTime();
        return breakers.forKnowledgeBase(knowledgeBaseId)
                .<Found>execute(() -> retrieve(knowledgeBaseId, request))
                .andThen(result -> {
                    long elapsed = System.nanoTime() - started;
                    timer(knowledgeBaseId, result.succeeded()).record(elapsed, TimeUnit.NANOSECONDS);
                    if (result.failed() && result.cause() instanceof OpenCircuitException) {
                        board.refuse(LatencyBoard.GENESYS, knowledgeBaseId);
                    } else {
                        board.record(LatencyBoard.GENESYS, knowledgeBaseId, elapsed, result.succeeded());
                    }
                })
                .recover(failure -> Future.failedFuture(SourceFailure.of(knowledgeBaseId, failure)));
    }

    private Future<Found> retrieve(String knowledgeBaseId, KnowledgeDocumentSearchRequest request) {
        if (texts == null) {
            return client.search(knowledgeBaseId, request, true)
                    .map(search -> new Found(searchId(search), candidates.from(knowledgeBaseId, search)));
        }
        return client.search(knowledgeBaseId, request, false)
                .compose(search -> texts.of(knowledgeBaseId, search)
                        .map(textOf -> new Found(searchId(search), candidates.from(knowledgeBaseId, search, textOf))));
    }

    private static String searchId(KnowledgeDocumentSearch search) {
        return search == null ? null : search.getSearchId();
    }

    @Override
    public CompletionStage<List<Candidate>> search(KnowledgeQuery query) {
        return search(query.knowledgeBaseId(), query.context(), query.query(), query.maxResults())
                .recover(failure -> {
                    SourceFailure source = (SourceFailure) failure;
                    return Future.failedFuture(new KnowledgeUnavailableException(source.reason(), source.getMessage(),
                            source.retryAfter()));
                })
                .toCompletionStage();
    }

    private Timer timer(String knowledgeBaseId, boolean succeeded) {
        return meters.timer("assist.genesys.search", "knowledgeBase", knowledgeBaseId,
                "outcome", succeeded ? "success" : "failure");
    }
}
