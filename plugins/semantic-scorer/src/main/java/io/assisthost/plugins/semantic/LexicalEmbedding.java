package io.assisthost.plugins.semantic;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A built-in text embedding for when the caller supplies none: word unigrams and bigrams, hashed into a
 * fixed number of dimensions and L2-normalised, so that the cosine of two embeddings measures their
 * shared vocabulary.
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
        float[] vector = new float[dimensions];
        String previous = null;
        for (String word : words(text)) {
            add(vector, word.hashCode(), 1.0f);
            if (previous != null) {
                add(vector, (previous + ' ' + word).hashCode(), 0.5f);
            }
            previous = word;
        }
        normalise(vector);
        return vector;
    }

    private void add(float[] vector, int hash, float weight) {
        int mixed = hash * 0x9E3779B1;
        vector[Math.floorMod(mixed, dimensions)] += weight;
    }

    private static String[] words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        String[] raw = folded.split("[^\\p{L}\\p{N}]+");
        return java.util.Arrays.stream(raw).filter(w -> w.length() > 1).toArray(String[]::new);
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
