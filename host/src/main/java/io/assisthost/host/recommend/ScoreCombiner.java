package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.assisthost.api.Score;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines every candidate's score components into its combined score: the weighted mean of the
 * components it carries ({@code relevance} always, plus whatever scorers added), under the configured
 * weights; a component with no configured weight weighs 1. Ranks candidates by combined score, ties
 * keeping the knowledge source's order.
 *
 * <p>This runs for every recommendation, so components are gathered in arrays and each candidate's
 * score map is built once, immutable, which {@link Candidate} keeps without copying.
 */
public final class ScoreCombiner {

    private static final Comparator<Candidate> BEST_FIRST =
            Comparator.comparingDouble(Candidate::combinedScore).reversed();

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
        int count = candidates.size();
        Map<String, Integer> index = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            index.put(candidates.get(i).documentId(), i);
        }
        List<String> components = new ArrayList<>(4);
        components.add(Candidate.RELEVANCE);
        List<double[]> values = new ArrayList<>(4);
        double[] relevance = new double[count];
        for (int i = 0; i < count; i++) {
            relevance[i] = candidates.get(i).confidence();
        }
        values.add(relevance);
        for (List<Score> scores : scored) {
            for (Score score : scores) {
                Integer position = index.get(score.documentId());
                if (position != null) {
                    column(components, values, score.component(), count)[position] = score.value();
                }
            }
        }
        double[] weightOf = new double[components.size()];
        for (int c = 0; c < weightOf.length; c++) {
            weightOf[c] = weights.getOrDefault(components.get(c), 1.0);
        }
        Candidate[] combined = new Candidate[count];
        for (int i = 0; i < count; i++) {
            combined[i] = combine(candidates.get(i), i, components, values, weightOf);
        }
        // A stable sort keeps the source's order among equal scores.
        Arrays.sort(combined, BEST_FIRST);
        return Arrays.asList(combined);
    }

    /** The value column of a component, created (all absent) on first sight. */
    private static double[] column(List<String> components, List<double[]> values, String component, int count) {
        int c = components.indexOf(component);
        if (c >= 0) {
            return values.get(c);
        }
        double[] column = new double[count];
        Arrays.fill(column, Double.NaN);
        components.add(component);
        values.add(column);
        return column;
    }

    private static Candidate combine(Candidate candidate, int i, List<String> components, List<double[]> values,
                                     double[] weightOf) {
        String[] names = new String[components.size()];
        double[] own = new double[components.size()];
        int present = 0;
        double weighted = 0;
        double total = 0;
        for (int c = 0; c < names.length; c++) {
            double value = values.get(c)[i];
            if (!Double.isNaN(value)) {
                names[present] = components.get(c);
                own[present++] = value;
                weighted += weightOf[c] * value;
                total += weightOf[c];
            }
        }
        double mean = total == 0 ? 0 : Math.max(0, Math.min(1, weighted / total));
        return candidate.withScores(scoreMap(names, own, present), mean);
    }

    private static Map<String, Double> scoreMap(String[] names, double[] values, int size) {
        return switch (size) {
            case 1 -> Map.of(names[0], values[0]);
            case 2 -> Map.of(names[0], values[0], names[1], values[1]);
            case 3 -> Map.of(names[0], values[0], names[1], values[1], names[2], values[2]);
            default -> {
                Map<String, Double> map = new HashMap<>(size * 2);
                for (int k = 0; k < size; k++) {
                    map.put(names[k], values[k]);
                }
                yield Map.copyOf(map);
            }
        };
    }
}
