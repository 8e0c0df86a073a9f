package io.assisthost.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One knowledge document proposed for an interaction, with the scores it has gathered so far.
 *
 * <p>Within one request, {@link #documentId()} is unique: the host merges duplicates before plugins
 * see the list. Candidates are immutable; plugins never change them, they return {@link Score}s and
 * {@link FilterDecision}s that the host applies.
 *
 * @param documentId      the Genesys knowledge document id; never blank
 * @param knowledgeBaseId the knowledge base the document came from; never blank
 * @param title           the document title; never {@code null}
 * @param contentType     the content type ({@code knowledge_article}, {@code procedure_guide},
 *                        {@code faq}, ...); never {@code null}
 * @param url             a link an agent can open, or {@code null}
 * @param text            the article text (paragraphs joined by newlines); never {@code null}, possibly
 *                        empty
 * @param version         the document version the text belongs to, or {@code null}
 * @param category        the category name, or {@code null}
 * @param labels          label names; never {@code null}
 * @param confidence      the knowledge source's own relevance for the query, 0 to 1
 * @param embedding       an embedding of the document supplied by the caller, or {@code null}. Shared,
 *                        not copied: never modify it
 * @param scores          score components gathered so far, by component name, each 0 to 1. Always holds
 *                        {@code relevance} (equal to {@code confidence}) and, once scorers have run, their
 *                        components
 * @param combinedScore   the weighted combination of {@code scores} the host computed, 0 to 1; before
 *                        scoring it equals {@code confidence}
 */
public record Candidate(
        String documentId,
        String knowledgeBaseId,
        String title,
        String contentType,
        String url,
        String text,
        String version,
        String category,
        List<String> labels,
        double confidence,
        float[] embedding,
        Map<String, Double> scores,
        double combinedScore) {

    /** The score component every candidate carries: the knowledge source's confidence. */
    public static final String RELEVANCE = "relevance";

    /**
     * Validates and normalises the components; collections are copied and made unmodifiable, except a
     * {@link ScoreMap}, which is immutable already and kept as it is.
     */
    public Candidate {
        requireText(documentId, "documentId");
        requireText(knowledgeBaseId, "knowledgeBaseId");
        title = title == null ? "" : title;
        contentType = contentType == null ? "" : contentType;
        text = text == null ? "" : text;
        labels = labels == null ? List.of() : List.copyOf(labels);
        Score.requireUnit(confidence, "confidence");
        scores = scores == null ? Map.of(RELEVANCE, confidence)
                : scores instanceof ScoreMap ? scores : Map.copyOf(scores);
        Score.requireUnit(combinedScore, "combinedScore");
    }

    /**
     * A candidate fresh from a knowledge source: its only score is {@code relevance}, equal to its
     * confidence, and so is its combined score.
     */
    public static Candidate of(String documentId, String knowledgeBaseId, String title, String contentType,
                               String url, String text, String version, String category, List<String> labels,
                               double confidence) {
        return new Candidate(documentId, knowledgeBaseId, title, contentType, url, text, version, category,
                labels, confidence, null, Map.of(RELEVANCE, confidence), confidence);
    }

    /**
     * This candidate with other score components and combined score. The host builds the components of
     * every candidate of every request as a {@link ScoreMap}, which is not copied.
     */
    public Candidate withScores(Map<String, Double> newScores, double newCombinedScore) {
        return new Candidate(documentId, knowledgeBaseId, title, contentType, url, text, version, category,
                labels, confidence, embedding, newScores, newCombinedScore);
    }

    /** This candidate with a caller-supplied embedding. */
    public Candidate withEmbedding(float[] newEmbedding) {
        return new Candidate(documentId, knowledgeBaseId, title, contentType, url, text, version, category,
                labels, confidence, newEmbedding, scores, combinedScore);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
