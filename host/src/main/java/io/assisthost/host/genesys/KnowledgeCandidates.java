package io.assisthost.host.genesys;

import com.mypurecloud.sdk.v2.model.DocumentBodyBlock;
import com.mypurecloud.sdk.v2.model.DocumentContentBlock;
import com.mypurecloud.sdk.v2.model.DocumentVariation;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentResponse;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearch;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentSearchResult;
import com.mypurecloud.sdk.v2.model.LabelResponse;
import io.assisthost.api.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns Genesys search results into plugin-API candidates: the article text from the first
 * variation's paragraphs (of the search result's document, or of the same document fetched on its own),
 * the content type from the first content-type label, and the search's confidence as the candidate's
 * relevance. Documents repeated in a result keep their first place.
 */
public final class KnowledgeCandidates {

    private final List<String> contentTypeLabels;
    private final String defaultContentType;

    public KnowledgeCandidates(List<String> contentTypeLabels, String defaultContentType) {
        this.contentTypeLabels = List.copyOf(contentTypeLabels);
        this.defaultContentType = defaultContentType;
    }

    /** The candidates of a search whose documents carry their variations. */
    public List<Candidate> from(String knowledgeBaseId, KnowledgeDocumentSearch search) {
        return from(knowledgeBaseId, search, KnowledgeCandidates::text);
    }

    /**
     * The candidates of a search, with article texts from {@code texts}.
     *
     * @param texts the text of a result's document; never {@code null}
     */
    public List<Candidate> from(String knowledgeBaseId, KnowledgeDocumentSearch search,
                                Function<KnowledgeDocumentResponse, String> texts) {
        List<Candidate> candidates = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (search == null || search.getResults() == null) {
            return candidates;
        }
        for (KnowledgeDocumentSearchResult result : search.getResults()) {
            KnowledgeDocumentResponse document = result.getDocument();
            if (document == null || document.getId() == null || !seen.add(document.getId())) {
                continue;
            }
            candidates.add(candidate(knowledgeBaseId, document, result.getConfidence(), texts.apply(document)));
        }
        return candidates;
    }

    private Candidate candidate(String knowledgeBaseId, KnowledgeDocumentResponse document, Double confidence,
                                String text) {
        List<String> labels = document.getLabels() == null ? List.of()
                : document.getLabels().stream().map(LabelResponse::getName).filter(name -> name != null).toList();
        double unit = confidence == null || confidence.isNaN() ? 0.0 : Math.max(0.0, Math.min(1.0, confidence));
        return Candidate.of(document.getId(), knowledgeBaseId, document.getTitle(), contentType(labels),
                document.getSelfUri(), text, version(document),
                document.getCategory() == null ? null : document.getCategory().getName(), labels, unit);
    }

    /** The document's published version number, else its version id, else {@code null}. */
    static String version(KnowledgeDocumentResponse document) {
        if (document.getLastPublishedVersionNumber() != null) {
            return String.valueOf(document.getLastPublishedVersionNumber());
        }
        return document.getDocumentVersion() == null ? null : document.getDocumentVersion().getId();
    }

    private String contentType(List<String> labels) {
        for (String type : contentTypeLabels) {
            if (labels.contains(type)) {
                return type;
            }
        }
        return defaultContentType;
    }

    /** The text of the document's first variation: its paragraphs' text blocks, a line per paragraph. */
    static String text(KnowledgeDocumentResponse document) {
        if (document.getVariations() == null || document.getVariations().isEmpty()) {
            return "";
        }
        DocumentVariation variation = document.getVariations().get(0);
        if (variation.getBody() == null || variation.getBody().getBlocks() == null) {
            return "";
        }
        List<String> paragraphs = new ArrayList<>();
        for (DocumentBodyBlock block : variation.getBody().getBlocks()) {
            if (block.getParagraph() == null || block.getParagraph().getBlocks() == null) {
                continue;
            }
            StringBuilder paragraph = new StringBuilder();
            for (DocumentContentBlock content : block.getParagraph().getBlocks()) {
                if (content.getText() != null && content.getText().getText() != null) {
                    paragraph.append(content.getText().getText());
                }
            }
            if (paragraph.length() > 0) {
                paragraphs.add(paragraph.toString());
            }
        }
        return String.join("\n", paragraphs);
    }
}
