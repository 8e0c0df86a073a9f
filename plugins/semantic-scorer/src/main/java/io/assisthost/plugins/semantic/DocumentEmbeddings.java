package io.assisthost.plugins.semantic;

import io.assisthost.api.Candidate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The lexical embeddings of the documents seen lately, so that an article proposed again (the usual case:
 * a conversation's subscription polls the same articles every few seconds) is not embedded again. An
 * entry holds the title, the document version and the text's length it was made from (the text's hash
 * instead of the version when the candidate has none) and is remade when they change;
 * the least recently used entries go first once {@code capacity} is reached.
 */
final class DocumentEmbeddings {

    private record Key(String knowledgeBaseId, String documentId) {
    }

    private record Entry(String version, String title, int textHash, int textLength, float[] embedding) {

        static Entry of(Candidate candidate, float[] embedding) {
            // With a version, the text is known by it (a candidate's text belongs to its version): hashing
            // every article's text on every request would cost more than the rest of this lookup.
            int textHash = candidate.version() == null ? candidate.text().hashCode() : 0;
            return new Entry(candidate.version(), candidate.title(), textHash, candidate.text().length(), embedding);
        }

        boolean madeFrom(Candidate candidate) {
            if (textLength != candidate.text().length() || !title.equals(candidate.title())) {
                return false;
            }
            return version == null
                    ? candidate.version() == null && textHash == candidate.text().hashCode()
                    : version.equals(candidate.version());
        }
    }

    private final int capacity;
    private final Map<Key, Entry> entries;

    DocumentEmbeddings(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > DocumentEmbeddings.this.capacity;
            }
        };
    }

    /** The embedding of the candidate's title and text, made by {@code embed} when not known yet. */
    float[] of(Candidate candidate, Function<String, float[]> embed) {
        if (capacity == 0) {
            return embed.apply(textOf(candidate));
        }
        Key key = new Key(candidate.knowledgeBaseId(), candidate.documentId());
        Entry known;
        synchronized (entries) {
            known = entries.get(key);
        }
        if (known != null && known.madeFrom(candidate)) {
            return known.embedding();
        }
        // Embedded outside the lock: two threads may embed the same text at once, and both get the same vector.
        Entry made = Entry.of(candidate, embed.apply(textOf(candidate)));
        synchronized (entries) {
            entries.put(key, made);
        }
        return made.embedding();
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static String textOf(Candidate candidate) {
        return candidate.title() + '\n' + candidate.text();
    }
}
