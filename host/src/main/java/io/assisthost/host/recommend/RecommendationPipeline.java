package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.assisthost.api.FallbackCause;
import io.assisthost.api.FallbackRequest;
import io.assisthost.api.FallbackResult;
import io.assisthost.api.FallbackStrategy;
import io.assisthost.api.FilterDecision;
import io.assisthost.api.FilterRequest;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.RecommendationFilter;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreRequest;
import io.assisthost.api.Scorer;
import io.assisthost.host.plugins.ExtensionRegistry;
import io.assisthost.host.plugins.PluginExtension;
import io.assisthost.host.plugins.PluginInvoker;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One recommendation: search the primary knowledge base (behind its breaker), score the candidates
 * with every scorer at once, filter them with each filter in turn, and when the source failed, was
 * open-circuited, rate limited or left nothing, ask the fallback strategies in order. A plugin that
 * fails is skipped and reported; it never fails the request.
 */
public final class RecommendationPipeline {

    private final KnowledgeSource source;
    private final Supplier<ExtensionRegistry> extensions;
    private final PluginInvoker invoker;
    private final ScoreCombiner combiner;
    private final QueryBuilder queries;
    private final int candidatePool;
    private final Duration fallbackBudget;
    private final Clock clock;

    /** The outcome before it becomes a {@link Recommendation}. */
    private record Outcome(List<Candidate> items, Recommendation.Source source) {
    }

    public RecommendationPipeline(KnowledgeSource source, Supplier<ExtensionRegistry> extensions, PluginInvoker invoker,
                                  ScoreCombiner combiner, QueryBuilder queries, int candidatePool, Duration fallbackBudget,
                                  Clock clock) {
        this.source = source;
        this.extensions = extensions;
        this.invoker = invoker;
        this.combiner = combiner;
        this.queries = queries;
        this.candidatePool = candidatePool;
        this.fallbackBudget = fallbackBudget;
        this.clock = clock;
    }

    /** Runs the pipeline; fails only for an invalid request (for example, nothing to search for). */
    public Future<Recommendation> recommend(RecommendRequest request) {
        String query;
        try {
            query = queries.query(request);
        } catch (RuntimeException invalid) {
            return Future.failedFuture(invalid);
        }
        InteractionContext context = request.context(query);
        PipelineTrace trace = new PipelineTrace();
        long searching = System.nanoTime();
        return source.find(request.primaryKnowledgeBase(), context, query, Math.max(candidatePool, request.maxResults()))
                .andThen(result -> trace.time("genesys", searching))
                .compose(found -> rank(context, withEmbeddings(found.candidates(), request), trace)
                        .compose(ranked -> ranked.isEmpty()
                                ? fallback(context, request, FallbackCause.EMPTY, "the primary knowledge base had no usable results", null, trace)
                                : Future.succeededFuture(primary(ranked, request, found.searchId()))))
                .recover(failure -> failure instanceof SourceFailure sourceFailure
                        ? fallback(context, request, sourceFailure.reason(), sourceFailure.getMessage(), sourceFailure, trace)
                        : Future.failedFuture(failure))
                .map(outcome -> recommendation(request, query, outcome, trace));
    }

    private Future<List<Candidate>> rank(InteractionContext context, List<Candidate> candidates, PipelineTrace trace) {
        if (candidates.isEmpty()) {
            return Future.succeededFuture(candidates);
        }
        long scoring = System.nanoTime();
        return score(context, candidates, trace)
                .andThen(result -> trace.time("scoring", scoring))
                .compose(scored -> {
                    long filtering = System.nanoTime();
                    return filter(context, scored, extensions.get().filters(), 0, trace)
                            .andThen(result -> trace.time("filtering", filtering));
                });
    }

    private Future<List<Candidate>> score(InteractionContext context, List<Candidate> candidates, PipelineTrace trace) {
        ScoreRequest request = new ScoreRequest(context, candidates);
        List<Future<List<Score>>> calls = new ArrayList<>();
        for (PluginExtension<Scorer> scorer : extensions.get().scorers()) {
            calls.add(invoker.call(scorer, s -> ContractChecks.copied(s.score(request)),
                    scores -> ContractChecks.scores(scores, request))
                    .recover(failure -> {
                        trace.skip("scoring", failure);
                        return Future.succeededFuture(List.of());
                    }));
        }
        return Future.all(calls).map(all -> combiner.combine(request, all.list()));
    }

    private Future<List<Candidate>> filter(InteractionContext context, List<Candidate> ranked,
                                           List<PluginExtension<RecommendationFilter>> filters, int index, PipelineTrace trace) {
        if (index == filters.size() || ranked.isEmpty()) {
            return Future.succeededFuture(ranked);
        }
        PluginExtension<RecommendationFilter> filter = filters.get(index);
        Set<String> ids = ContractChecks.ids(ranked);
        FilterRequest request = new FilterRequest(context, ranked);
        return invoker.call(filter, f -> ContractChecks.copied(f.filter(request)),
                        decisions -> ContractChecks.decisions(decisions, ids))
                .map(decisions -> apply(ranked, decisions, filter.label(), trace))
                .recover(failure -> {
                    trace.skip("filtering", failure);
                    return Future.succeededFuture(ranked);
                })
                .compose(kept -> filter(context, kept, filters, index + 1, trace));
    }

    private static List<Candidate> apply(List<Candidate> ranked, List<FilterDecision> decisions, String filter,
                                         PipelineTrace trace) {
        return FilterDecisions.apply(ranked, decisions,
                (candidate, decision) -> trace.drop(candidate, decision.reason(), filter));
    }

    private Future<Outcome> fallback(InteractionContext context, RecommendRequest request, FallbackCause cause,
                                     String detail, SourceFailure failure, PipelineTrace trace) {
        FallbackRequest fallbackRequest = new FallbackRequest(context, cause, detail, request.primaryKnowledgeBase(),
                request.fallbackKnowledgeBase(), failure == null ? null : failure.retryAfter());
        long started = System.nanoTime();
        return tryStrategy(fallbackRequest, extensions.get().fallbacks(), 0, trace)
                .andThen(result -> trace.time("fallback", started));
    }

    private Future<Outcome> tryStrategy(FallbackRequest request, List<PluginExtension<FallbackStrategy>> strategies,
                                        int index, PipelineTrace trace) {
        if (index == strategies.size()) {
            String reason = request.detail() + "; no fallback strategy could serve";
            return Future.succeededFuture(new Outcome(List.of(), new Recommendation.Source(request.knowledgeBaseId(),
                    false, null, reason, request.cause(), false, Duration.ZERO, null)));
        }
        PluginExtension<FallbackStrategy> strategy = strategies.get(index);
        return invoker.callAsync(strategy, s -> s.fallback(request), ContractChecks::fallback, fallbackBudget)
                .recover(failure -> {
                    trace.skip("fallback", failure);
                    return Future.succeededFuture(Optional.empty());
                })
                .compose(answer -> answer.isEmpty()
                        ? tryStrategy(request, strategies, index + 1, trace)
                        : serve(request, answer.get(), trace).compose(outcome -> outcome.items().isEmpty()
                                ? tryStrategy(request, strategies, index + 1, trace)
                                : Future.succeededFuture(outcome)));
    }

    private Future<Outcome> serve(FallbackRequest request, FallbackResult result, PipelineTrace trace) {
        boolean alreadyScored = result.stale() && result.candidates().stream().allMatch(c -> c.scores().size() > 1);
        Future<List<Candidate>> items = alreadyScored
                ? Future.succeededFuture(result.candidates())
                : rank(request.context(), result.candidates(), trace);
        return items.map(ranked -> new Outcome(ranked, new Recommendation.Source(
                result.knowledgeBaseId() == null ? request.knowledgeBaseId() : result.knowledgeBaseId(), true,
                result.strategy(), result.reason(), request.cause(), result.stale(), result.age(), null)));
    }

    private static Outcome primary(List<Candidate> ranked, RecommendRequest request, String searchId) {
        return new Outcome(ranked, new Recommendation.Source(request.primaryKnowledgeBase(), false,
                Recommendation.Source.PRIMARY, "", null, false, Duration.ZERO, searchId));
    }

    private static List<Candidate> withEmbeddings(List<Candidate> candidates, RecommendRequest request) {
        if (request.embeddings().isEmpty()) {
            return candidates;
        }
        return candidates.stream().map(candidate -> {
            float[] embedding = request.embeddings().get(candidate.documentId());
            return embedding == null ? candidate : candidate.withEmbedding(embedding);
        }).toList();
    }

    private Recommendation recommendation(RecommendRequest request, String query, Outcome outcome, PipelineTrace trace) {
        List<Candidate> items = outcome.items().size() > request.maxResults()
                ? outcome.items().subList(0, request.maxResults()) : outcome.items();
        return new Recommendation(request.conversationId(), query, outcome.source(), List.copyOf(items), trace.dropped(),
                trace.skipped(), trace.latencyMs(), ResultEtag.of(items), clock.instant());
    }
}
