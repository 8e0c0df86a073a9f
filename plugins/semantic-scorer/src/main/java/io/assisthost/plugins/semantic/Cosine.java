package io.assisthost.plugins.semantic;

/**
 * Cosine similarity of one query vector with many others of the same length. The query is prepared once
 * (widened to double, its squared norm computed), so each comparison only reads the other vector; the
 * arithmetic is a {@link CosineKernel}'s, by default the fastest this JVM has.
 *
 * <p>Immutable and thread-safe.
 */
final class Cosine {

    private final double[] query;
    private final double queryNormSquared;
    private final CosineKernel kernel;

    private Cosine(double[] query, double queryNormSquared, CosineKernel kernel) {
        this.query = query;
        this.queryNormSquared = queryNormSquared;
        this.kernel = kernel;
    }

    /** Prepares {@code query}, which is read once here and not kept, for {@link CosineKernel#best()}. */
    static Cosine of(float[] query) {
        return of(query, CosineKernel.best());
    }

    /** Prepares {@code query}, which is read once here and not kept, for {@code kernel}. */
    static Cosine of(float[] query, CosineKernel kernel) {
        double[] widened = new double[query.length];
        for (int i = 0; i < query.length; i++) {
            widened[i] = query[i];
        }
        // Four independent sums: with one, each of the multiply-adds would wait for the previous one.
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        int i = 0;
        for (int end = widened.length & ~3; i < end; i += 4) {
            sum0 = Math.fma(widened[i], widened[i], sum0);
            sum1 = Math.fma(widened[i + 1], widened[i + 1], sum1);
            sum2 = Math.fma(widened[i + 2], widened[i + 2], sum2);
            sum3 = Math.fma(widened[i + 3], widened[i + 3], sum3);
        }
        for (; i < widened.length; i++) {
            sum0 = Math.fma(widened[i], widened[i], sum0);
        }
        return new Cosine(widened, (sum0 + sum1) + (sum2 + sum3), kernel);
    }

    /** The length a vector must have to be compared with this query. */
    int dimensions() {
        return query.length;
    }

    /**
     * @param other a vector of {@link #dimensions()} components
     * @return the cosine of the angle between the query and {@code other}, -1 to 1; 0 if either is zero
     */
    double similarity(float[] other) {
        if (other.length != query.length) {
            throw new IllegalArgumentException("expected " + query.length + " dimensions, got " + other.length);
        }
        return kernel.cosine(query, queryNormSquared, other);
    }
}
