package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.assisthost.api.FilterDecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Applies a filter's decisions to the ranked candidates it was given. Filters usually decide in the
 * candidates' order (often on some of them only), so decisions are first matched to candidates by
 * walking both lists together; a map of the decisions is built only when they are in another order.
 */
public final class FilterDecisions {

    private FilterDecisions() {
    }

    /**
     * @param ranked    the candidates the filter saw, in order
     * @param decisions its decisions (already validated: known documents, at most one each)
     * @param dropped   told of each candidate dropped, with its decision, in order
     * @return the candidates not dropped, in order; a candidate the decisions do not mention is kept
     */
    public static List<Candidate> apply(List<Candidate> ranked, List<FilterDecision> decisions,
                                        BiConsumer<Candidate, FilterDecision> dropped) {
        FilterDecision[] byPosition = inOrder(ranked, decisions);
        if (byPosition == null) {
            byPosition = byDocument(ranked, decisions);
        }
        List<Candidate> kept = new ArrayList<>(ranked.size());
        for (int i = 0; i < byPosition.length; i++) {
            Candidate candidate = ranked.get(i);
            FilterDecision decision = byPosition[i];
            if (decision == null || decision.keep()) {
                kept.add(candidate);
            } else {
                dropped.accept(candidate, decision);
            }
        }
        return kept;
    }

    /** Each candidate's decision, or {@code null} if the decisions are not in the candidates' order. */
    private static FilterDecision[] inOrder(List<Candidate> ranked, List<FilterDecision> decisions) {
        FilterDecision[] byPosition = new FilterDecision[ranked.size()];
        int next = 0;
        for (int i = 0; i < byPosition.length && next < decisions.size(); i++) {
            FilterDecision decision = decisions.get(next);
            if (decision.documentId().equals(ranked.get(i).documentId())) {
                byPosition[i] = decision;
                next++;
            }
        }
        return next == decisions.size() ? byPosition : null;
    }

    private static FilterDecision[] byDocument(List<Candidate> ranked, List<FilterDecision> decisions) {
        Map<String, FilterDecision> byDocument = new HashMap<>(decisions.size() * 2);
        decisions.forEach(decision -> byDocument.put(decision.documentId(), decision));
        FilterDecision[] byPosition = new FilterDecision[ranked.size()];
        for (int i = 0; i < byPosition.length; i++) {
            byPosition[i] = byDocument.get(ranked.get(i).documentId());
        }
        return byPosition;
    }
}
