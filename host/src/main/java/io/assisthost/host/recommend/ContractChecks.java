package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.assisthost.api.FallbackResult;
import io.assisthost.api.FilterDecision;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreColumn;
import io.assisthost.api.ScoreRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What each extension point's contract forbids in a result. A result that breaks it is discarded and
 * counts as a plugin failure (see the plugin API's Javadoc).
 */
final class ContractChecks {

    private ContractChecks() {
    }

    /**
     * A plugin's answer as the host keeps it: copied where the plugin ran, on its worker thread within its
     * time budget, so that a lazy or reused list never runs plugin code later, on an event loop, after the
     * plugin's failures are no longer caught. A {@link ScoreColumn}, immutable and the API's own, is kept
     * as it is; {@code null} stays {@code null} for the invoker to refuse.
     */
    static <T> List<T> copied(List<T> answer) {
        return answer == null || answer instanceof ScoreColumn ? answer
                : Collections.unmodifiableList(new ArrayList<>(answer));
    }

    static Set<String> ids(List<Candidate> candidates) {
        Set<String> ids = new HashSet<>(candidates.size() * 2);
        candidates.forEach(candidate -> ids.add(candidate.documentId()));
        return ids;
    }

    /** @return why the scores break the {@code Scorer} contract, or {@code null} */
    static String scores(List<Score> scores, ScoreRequest request) {
        if (scores instanceof ScoreColumn column && column.isFor(request)) {
            // Valid by construction: one checked value for each of the request's candidates.
            return null;
        }
        Set<String> documentIds = ids(request.candidates());
        for (Score score : scores) {
            if (score == null) {
                return "returned a null score";
            }
            if (!documentIds.contains(score.documentId())) {
                return "scored unknown document " + score.documentId();
            }
        }
        return null;
    }

    /** @return why the decisions break the {@code RecommendationFilter} contract, or {@code null} */
    static String decisions(List<FilterDecision> decisions, Set<String> documentIds) {
        Set<String> seen = new HashSet<>();
        for (FilterDecision decision : decisions) {
            if (decision == null) {
                return "returned a null decision";
            }
            if (!documentIds.contains(decision.documentId())) {
                return "decided on unknown document " + decision.documentId();
            }
            if (!seen.add(decision.documentId())) {
                return "decided twice on document " + decision.documentId();
            }
        }
        return null;
    }

    /** @return why the answer breaks the {@code FallbackStrategy} contract, or {@code null} */
    static String fallback(Optional<FallbackResult> result) {
        return result == null ? "completed with null instead of an Optional" : null;
    }
}
