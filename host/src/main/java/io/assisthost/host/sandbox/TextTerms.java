package io.assisthost.host.sandbox;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns text into search terms: folded case and accents, stop words dropped, light suffix stemming. */
final class TextTerms {

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "for", "to", "of", "in", "on", "at", "by", "from", "with", "as",
            "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "there",
            "i", "me", "my", "we", "our", "you", "your", "he", "she", "they", "them", "their", "his", "her",
            "do", "does", "did", "can", "could", "would", "should", "will", "have", "has", "had", "not", "no",
            "how", "what", "why", "when", "where", "which", "who", "if", "so", "just", "about", "into", "up",
            "please", "hi", "hello", "thanks", "thank", "im", "ive", "dont", "am", "get", "got", "yes", "ok");

    private TextTerms() {
    }

    static List<String> of(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replace("'", "");
        List<String> terms = new ArrayList<>();
        for (String word : folded.split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 1 && !STOP_WORDS.contains(word)) {
                terms.add(stem(word));
            }
        }
        return terms;
    }

    static String stem(String word) {
        String stem = word;
        if (stem.length() > 4 && stem.endsWith("ies")) {
            stem = stem.substring(0, stem.length() - 3) + "y";
        } else if (stem.length() > 5 && stem.endsWith("ing")) {
            stem = stem.substring(0, stem.length() - 3);
        } else if (stem.length() > 4 && (stem.endsWith("ed") || stem.endsWith("es"))) {
            stem = stem.substring(0, stem.length() - 2);
        } else if (stem.length() > 3 && stem.endsWith("s") && !stem.endsWith("ss")) {
            stem = stem.substring(0, stem.length() - 1);
        }
        if (stem.length() > 4 && stem.endsWith("e")) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem;
    }
}
