package io.assisthost.plugins.semantic;

import java.util.SplittableRandom;

/** The cosine by its textbook definition, and random vectors, for the kernels to be checked against. */
final class CosineReference {

    private CosineReference() {
    }

    /** One product at a time, each exact in double. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }

    /** Components drawn uniformly from {@code [-scale, scale)}. */
    static float[] randomVector(SplittableRandom random, int length, double scale) {
        float[] vector = new float[length];
        for (int i = 0; i < length; i++) {
            vector[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return vector;
    }
}
