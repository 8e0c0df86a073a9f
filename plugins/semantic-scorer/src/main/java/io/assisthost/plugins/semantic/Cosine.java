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
        double normSquared = 0;
        for (int i = 0; i < query.length; i++) {
            widened[i] = query[i];
            normSquared = Math.fma(widened[i], widened[i], normSquared);
        }
        return new Cosine(widened, normSquared, kernel);
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
