package io.assisthost.host.sandbox;

import io.assisthost.host.sandbox.SeedData.DocumentSeed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Text relevance over the documents of one knowledge base: BM25 over three fields (title weighted 3,
 * alternative phrases 2, article text 1). A document's confidence in [0, 1] is the share of the
 * query's information (sum of matched terms' IDF over all terms' IDF) times a saturating function of
 * its BM25 score, so that a document matching every query term strongly scores near 1 and partial or
 * weak matches score lower.
 */
final class SearchIndex {

    /** A matching document and its confidence. */
    record Hit(DocumentSeed document, double confidence, int titleRank) {
    }

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final double[] FIELD_WEIGHTS = {3.0, 2.0, 1.0};
    private static final double SATURATION = 6.0;

    /** A term's documents (indexes, ascending) and its summed field score in each. */
    private record Postings(double idf, int[] documents, double[] scores) {
    }

    /** Ties in confidence are broken by title: the ranks of the titles, computed once, compare as them. */
    private static final Comparator<Hit> RANKING = (a, b) -> {
        int byConfidence = Double.compare(b.confidence, a.confidence);
        return byConfidence != 0 ? byConfidence : Integer.compare(a.titleRank, b.titleRank);
    };

    private final List<DocumentSeed> documents;
    private final int[] titleRanks;
    private final Map<String, Postings> postings = new HashMap<>();

    SearchIndex(List<DocumentSeed> documents) {
        this.documents = List.copyOf(documents);
        this.titleRanks = titleRanks(this.documents);
        List<List<Map<String, Integer>>> fieldTerms = new ArrayList<>();
        List<int[]> fieldLengths = new ArrayList<>();
        double[] averageLength = new double[FIELD_WEIGHTS.length];
        Map<String, List<Integer>> termDocuments = new HashMap<>();
        for (int d = 0; d < documents.size(); d++) {
            DocumentSeed document = documents.get(d);
            List<Map<String, Integer>> fields = List.of(
                    counts(TextTerms.of(document.title())),
                    counts(TextTerms.of(String.join(" ", document.alternatives()))),
                    counts(TextTerms.of(document.text())));
            fieldTerms.add(fields);
            int[] lengths = new int[fields.size()];
            Set<String> seen = new LinkedHashSet<>();
            for (int f = 0; f < fields.size(); f++) {
                lengths[f] = length(fields.get(f));
                averageLength[f] += lengths[f];
                seen.addAll(fields.get(f).keySet());
            }
            fieldLengths.add(lengths);
            int index = d;
            seen.forEach(term -> termDocuments.computeIfAbsent(term, t -> new ArrayList<>()).add(index));
        }
        for (int f = 0; f < averageLength.length; f++) {
            averageLength[f] = documents.isEmpty() ? 1 : Math.max(1, averageLength[f] / documents.size());
        }
        termDocuments.forEach((term, containing) -> {
            int[] indexes = containing.stream().mapToInt(Integer::intValue).toArray();
            double[] scores = new double[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                scores[i] = termScore(fieldTerms.get(indexes[i]), fieldLengths.get(indexes[i]), averageLength, term);
            }
            double df = indexes.length;
            double idf = Math.log(1 + (documents.size() - df + 0.5) / (df + 0.5));
            postings.put(term, new Postings(idf, indexes, scores));
        });
    }

    /** Documents matching the query, by descending confidence (then title). */
    List<Hit> search(String query) {
        List<String> terms = List.copyOf(new LinkedHashSet<>(TextTerms.of(query)));
        if (terms.isEmpty()) {
            return List.of();
        }
        // A term no document contains still counts in the query's information (its IDF is the largest).
        double unknownIdf = Math.log(1 + (documents.size() + 0.5) / 0.5);
        double totalIdf = 0;
        double[] score = new double[documents.size()];
        double[] matchedIdf = new double[documents.size()];
        for (String term : terms) {
            Postings found = postings.get(term);
            if (found == null) {
                totalIdf += unknownIdf;
                continue;
            }
            totalIdf += found.idf();
            for (int i = 0; i < found.documents().length; i++) {
                int d = found.documents()[i];
                score[d] += found.idf() * found.scores()[i];
                matchedIdf[d] += found.idf();
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (int d = 0; d < documents.size(); d++) {
            if (score[d] > 0) {
                double confidence = (matchedIdf[d] / totalIdf) * (score[d] / (score[d] + SATURATION));
                hits.add(new Hit(documents.get(d), Math.min(1.0, confidence), titleRanks[d]));
            }
        }
        hits.sort(RANKING);
        return hits;
    }

    /** Each document's position among the documents ordered by title (equal titles share one). */
    private static int[] titleRanks(List<DocumentSeed> documents) {
        Integer[] byTitle = new Integer[documents.size()];
        for (int d = 0; d < byTitle.length; d++) {
            byTitle[d] = d;
        }
        Arrays.sort(byTitle, Comparator.comparing(d -> documents.get(d).title()));
        int[] ranks = new int[byTitle.length];
        for (int i = 0; i < byTitle.length; i++) {
            boolean sameAsPrevious = i > 0
                    && documents.get(byTitle[i]).title().equals(documents.get(byTitle[i - 1]).title());
            ranks[byTitle[i]] = sameAsPrevious ? ranks[byTitle[i - 1]] : i;
        }
        return ranks;
    }

    private static double termScore(List<Map<String, Integer>> fields, int[] lengths, double[] averageLength,
                                    String term) {
        double score = 0;
        for (int f = 0; f < fields.size(); f++) {
            int frequency = fields.get(f).getOrDefault(term, 0);
            if (frequency > 0) {
                double norm = 1 - B + B * lengths[f] / averageLength[f];
                score += FIELD_WEIGHTS[f] * frequency * (K1 + 1) / (frequency + K1 * norm);
            }
        }
        return score;
    }

    private static Map<String, Integer> counts(List<String> terms) {
        Map<String, Integer> counts = new HashMap<>();
        terms.forEach(term -> counts.merge(term, 1, Integer::sum));
        return counts;
    }

    private static int length(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
