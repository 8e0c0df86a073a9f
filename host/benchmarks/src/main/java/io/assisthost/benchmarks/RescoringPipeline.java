package io.assisthost.benchmarks;

import io.assisthost.api.Candidate;
import io.assisthost.api.FilterDecision;
import io.assisthost.api.FilterRequest;
import io.assisthost.api.InteractionContext;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreRequest;
import io.assisthost.api.testing.TestPluginContext;
import io.assisthost.host.recommend.FilterDecisions;
import io.assisthost.host.recommend.ScoreCombiner;
import io.assisthost.plugins.rules.RuleFilter;
import io.assisthost.plugins.semantic.SemanticScorer;
import java.util.List;
import java.util.Map;

/**
 * The product classes that re-score one knowledge search result, wired with the benchmarks' settings:
 * the semantic scorer, the host's score combiner (relevance 0.7, semantic 0.3) and the rule filter
 * (minimum score 0.2, top 10, de-duplication), plus one search result to run them on. Built once per
 * trial; each step is a method so that benchmarks can time the whole or one step.
 */
final class RescoringPipeline {

    private final SemanticScorer scorer;
    private final ScoreCombiner combiner;
    private final RuleFilter filter;
    private final InteractionContext context;
    private final List<Candidate> found;

    RescoringPipeline(int candidates) {
        scorer = new SemanticScorer(new TestPluginContext("semantic-scorer", Map.of()));
        combiner = new ScoreCombiner(Map.of(Candidate.RELEVANCE, 0.7, SemanticScorer.COMPONENT, 0.3));
        filter = new RuleFilter(new TestPluginContext("rule-filter",
                Map.of("minScore", 0.2, "topK", 10, "dedupe", true)));
        RescoringData data = new RescoringData();
        context = data.context();
        found = data.candidates(candidates);
    }

    /**
     * Runs every step: {@link #request}, {@link #score}, {@link #combine}, {@link #filter}, {@link #kept}.
     *
     * @return the candidates kept, best first
     */
    List<Candidate> rescore() {
        ScoreRequest request = request();
        List<Candidate> ranked = combine(request, score(request));
        return kept(ranked, filter(ranked));
    }

    /** @return the scorers' request on the search result, which the host's pipeline makes once per result */
    ScoreRequest request() {
        return new ScoreRequest(context, found);
    }

    /** @return the semantic scores of the search result */
    List<Score> score(ScoreRequest request) {
        return scorer.score(request);
    }

    /** @return the search result of {@code request} blended with {@code semantic}, best first */
    List<Candidate> combine(ScoreRequest request, List<Score> semantic) {
        return combiner.combine(request, List.of(semantic));
    }

    /** @return the rule filter's decisions on {@code ranked} */
    List<FilterDecision> filter(List<Candidate> ranked) {
        return filter.filter(new FilterRequest(context, ranked));
    }

    /**
     * @return the candidates of {@code ranked} the filter did not drop, in order, as the host's pipeline
     *         applies a filter's decisions (it also records each drop in the request's trace, left out here)
     */
    static List<Candidate> kept(List<Candidate> ranked, List<FilterDecision> decisions) {
        return FilterDecisions.apply(ranked, decisions, (candidate, decision) -> { });
    }
}
