package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.assisthost.api.Score;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines every candidate's score components into its combined score: the weighted mean of the
 * components it carries ({@code relevance} always, plus whatever scorers added), under the configured
 * weights; a component with no configured weight weighs 1. Ranks candidates by combined score, ties
 * keeping the knowledge source's order.
 */
public final class ScoreCombiner {

    private final Map<String, Double> weights;

    public ScoreCombiner(Map<String, Double> weights) {
        this.weights = Map.copyOf(weights);
    }

    /**
     * @param candidates the candidates as the source returned them
     * @param scored     each scorer's output (already validated: known documents, valid components)
     * @return the candidates with all their components and combined scores, best first
     */
    public List<Candidate> combine(List<Candidate> candidates, List<List<Score>> scored) {
        Map<String, Integer> index = new HashMap<>(candidates.size() * 2);
        List<Map<String, Double>> components = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            index.put(candidate.documentId(), i);
            Map<String, Double> own = new LinkedHashMap<>();
            own.put(Candidate.RELEVANCE, candidate.confidence());
            components.add(own);
        }
        for (List<Score> scores : scored) {
            for (Score score : scores) {
                Integer position = index.get(score.documentId());
                if (position != null) {
                    components.get(position).put(score.component(), score.value());
                }
            }
        }
        Candidate[] combined = new Candidate[candidates.size()];
        for (int i = 0; i < combined.length; i++) {
            Map<String, Double> own = components.get(i);
            combined[i] = candidates.get(i).withScores(own, weightedMean(own));
        }
        // A stable sort keeps the source's order among equal scores.
        Arrays.sort(combined, Comparator.comparingDouble(Candidate::combinedScore).reversed());
        return Arrays.asList(combined);
    }

    double weightedMean(Map<String, Double> components) {
        double weighted = 0;
        double total = 0;
        for (Map.Entry<String, Double> component : components.entrySet()) {
            double weight = weights.getOrDefault(component.getKey(), 1.0);
            weighted += weight * component.getValue();
            total += weight;
        }
        return total == 0 ? 0 : Math.max(0, Math.min(1, weighted / total));
    }
}
