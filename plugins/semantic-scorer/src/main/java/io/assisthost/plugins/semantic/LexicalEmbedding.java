package io.assisthost.plugins.semantic;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A built-in text embedding for when the caller supplies none: word unigrams and bigrams, hashed into a
 * fixed number of dimensions and L2-normalised, so that the cosine of two embeddings measures their
 * shared vocabulary.
 *
 * <p>Words are runs of letters and digits after Unicode compatibility decomposition, with combining
 * marks removed and case folded; words of one character are left out. A word hashes as
 * {@link String#hashCode()} of the word, a bigram as that of {@code "first second"}.
 */
final class LexicalEmbedding {

    private final int dimensions;

    LexicalEmbedding(int dimensions) {
        if (dimensions < 16) {
            throw new IllegalArgumentException("dimensions must be at least 16, was " + dimensions);
        }
        this.dimensions = dimensions;
    }

    float[] embed(String text) {
        Accumulator words = new Accumulator(new float[dimensions]);
        if (isAscii(text)) {
            // Decomposition and mark removal leave ASCII as it is, so the words are read straight
            // from the text, their hashes computed as the characters go by: no strings, no regex.
            scanAscii(text, words);
        } else {
            scanFolded(text, words);
        }
        normalise(words.vector);
        return words.vector;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void scanAscii(String text, Accumulator words) {
        int hash = 0;
        int power = 1;
        int length = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                hash = 31 * hash + c;
                power *= 31;
                length++;
            } else if (length > 0) {
                words.word(hash, power, length);
                hash = 0;
                power = 1;
                length = 0;
            }
        }
    }

    private static void scanFolded(String text, Accumulator words) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        for (String word : folded.split("[^\\p{L}\\p{N}]+")) {
            int power = 1;
            for (int i = 0; i < word.length(); i++) {
                power *= 31;
            }
            words.word(word.hashCode(), power, word.length());
        }
    }

    /** Adds each word and the bigram it ends to the vector. */
    private final class Accumulator {

        final float[] vector;
        private boolean hasPrevious;
        private int previousHash;

        Accumulator(float[] vector) {
            this.vector = vector;
        }

        /**
         * @param hash   the word's {@link String#hashCode()}
         * @param power  31 to the power of the word's length (overflowing as {@code int} does)
         * @param length the word's length
         */
        void word(int hash, int power, int length) {
            if (length < 2) {
                return;
            }
            add(hash, 1.0f);
            if (hasPrevious) {
                // hashCode(a + " " + b) == (hashCode(a) * 31 + ' ') * 31^length(b) + hashCode(b)
                add((previousHash * 31 + ' ') * power + hash, 0.5f);
            }
            hasPrevious = true;
            previousHash = hash;
        }

        private void add(int hash, float weight) {
            int mixed = hash * 0x9E3779B1;
            vector[Math.floorMod(mixed, dimensions)] += weight;
        }
    }

    private static void normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        if (sum == 0) {
            return;
        }
        float scale = (float) (1.0 / Math.sqrt(sum));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
    }
}
