package io.assisthost.host.recommend;

import io.assisthost.api.Candidate;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreColumn;
import io.assisthost.api.ScoreMap;
import io.assisthost.api.ScoreRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines every candidate's score components into its combined score: the weighted mean of the
 * components it carries ({@code relevance} always, plus whatever scorers added), under the configured
 * weights; a component with no configured weight weighs 1. Ranks candidates by combined score, ties
 * keeping the knowledge source's order.
 *
 * <p>This runs for every recommendation, so components are gathered in arrays, a score is matched to
 * its candidate by position when the scorer kept the source's order (a map is built only for scores
 * that did not), each candidate's scores are a {@link ScoreMap} on names shared by all candidates (no
 * hashing, no boxing), which {@link Candidate} keeps without copying, and the ranking sorts primitive
 * scores, not candidates through a comparator.
 */
public final class ScoreCombiner {

    private final Map<String, Double> weights;

    public ScoreCombiner(Map<String, Double> weights) {
        this.weights = Map.copyOf(weights);
    }

    /**
     * @param request the scorers' request, with the candidates as the source returned them
     * @param scored  each scorer's output (already validated: known documents, valid components)
     * @return the candidates with all their components and combined scores, best first
     */
    public List<Candidate> combine(ScoreRequest request, List<List<Score>> scored) {
        Candidate[] source = request.candidates().toArray(new Candidate[0]);
        Columns columns = columns(request, source, scored);
        double[] weightOf = columns.weights(weights);
        double[] combinedScores = new double[source.length];
        Candidate[] combined = new Candidate[source.length];
        ScoreMap.Keys allComponents = columns.keys();
        // Scratch for one candidate's components at a time: the score map copies them.
        String[] names = new String[columns.size()];
        double[] own = new double[columns.size()];
        for (int i = 0; i < source.length; i++) {
            int present = 0;
            double weighted = 0;
            double total = 0;
            for (int c = 0; c < names.length; c++) {
                double value = columns.values(c)[i];
                if (!Double.isNaN(value)) {
                    names[present] = columns.name(c);
                    own[present++] = value;
                    weighted += weightOf[c] * value;
                    total += weightOf[c];
                }
            }
            double mean = total == 0 ? 0 : Math.max(0, Math.min(1, weighted / total));
            combinedScores[i] = mean;
            ScoreMap scores = present == names.length ? allComponents.with(own)
                    : ScoreMap.keys(Arrays.copyOf(names, present)).with(Arrays.copyOf(own, present));
            combined[i] = source[i].withScores(scores, mean);
        }
        return Arrays.asList(Ranking.bestFirst(combined, combinedScores));
    }

    /** Every component's values, {@code relevance} first. */
    private static Columns columns(ScoreRequest request, Candidate[] source, List<List<Score>> scored) {
        Columns columns = new Columns(source.length);
        double[] relevance = columns.add(Candidate.RELEVANCE);
        for (int i = 0; i < source.length; i++) {
            relevance[i] = source[i].confidence();
        }
        Positions positions = new Positions(source);
        for (List<Score> scores : scored) {
            if (scores instanceof ScoreColumn column && column.isFor(request)) {
                double[] values = columns.of(column.component());
                for (int i = 0; i < source.length; i++) {
                    values[i] = column.value(i);
                }
                continue;
            }
            positions.restart();
            for (Score score : scores) {
                int position = positions.of(score.documentId());
                if (position >= 0) {
                    columns.of(score.component())[position] = score.value();
                }
            }
        }
        return columns;
    }

    /** The value column of each component, in order of first sight; NaN where a candidate lacks it. */
    private static final class Columns {

        private final int count;
        private String[] names = new String[4];
        private double[][] values = new double[4][];
        private int size;
        private String lastName;
        private double[] lastValues;

        Columns(int count) {
            this.count = count;
        }

        double[] add(String name) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            double[] column = new double[count];
            Arrays.fill(column, Double.NaN);
            names[size] = name;
            values[size++] = column;
            return column;
        }

        /** The column of {@code name}, created (all absent) on first sight. */
        double[] of(String name) {
            // Scorers name one component over and over: the last one is nearly always the one asked for.
            if (name.equals(lastName)) {
                return lastValues;
            }
            lastName = name;
            for (int c = 0; c < size; c++) {
                if (names[c].equals(name)) {
                    lastValues = values[c];
                    return lastValues;
                }
            }
            lastValues = add(name);
            return lastValues;
        }

        int size() {
            return size;
        }

        String name(int c) {
            return names[c];
        }

        double[] values(int c) {
            return values[c];
        }

        ScoreMap.Keys keys() {
            return ScoreMap.keys(Arrays.copyOf(names, size));
        }

        double[] weights(Map<String, Double> weights) {
            double[] weightOf = new double[size];
            for (int c = 0; c < size; c++) {
                weightOf[c] = weights.getOrDefault(names[c], 1.0);
            }
            return weightOf;
        }
    }

    /**
     * Finds a document's position among the candidates. Scorers usually answer in the candidates' order,
     * so the position after the previous one found is tried first; a map of all positions is built only
     * when that guess fails.
     */
    private static final class Positions {

        private final Candidate[] candidates;
        private Map<String, Integer> index;
        private int previous;

        Positions(Candidate[] candidates) {
            this.candidates = candidates;
        }

        /** Starts on another scorer's output. */
        void restart() {
            previous = -1;
        }

        /** @return the position of {@code documentId}, or -1 if no candidate has it */
        int of(String documentId) {
            // The same document again (a second component), or the next one.
            for (int guess = Math.max(previous, 0); guess <= previous + 1 && guess < candidates.length; guess++) {
                if (candidates[guess].documentId().equals(documentId)) {
                    previous = guess;
                    return guess;
                }
            }
            Integer position = index().get(documentId);
            if (position == null) {
                return -1;
            }
            previous = position;
            return position;
        }

        private Map<String, Integer> index() {
            if (index == null) {
                index = new HashMap<>(candidates.length * 2);
                for (int i = 0; i < candidates.length; i++) {
                    index.put(candidates[i].documentId(), i);
                }
            }
            return index;
        }
    }
}
