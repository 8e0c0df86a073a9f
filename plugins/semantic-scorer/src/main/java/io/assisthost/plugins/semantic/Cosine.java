package io.assisthost.plugins.semantic;

/**
 * Cosine similarity of one query vector with many others of the same length. The query's squared norm
 * is computed once, in double; the comparisons are a {@link CosineKernel}'s, by default the fastest
 * this JVM has.
 *
 * <p>Immutable and thread-safe as long as nobody changes the query's array.
 */
final class Cosine {

    private final float[] query;
    private final double queryNormSquared;
    private final CosineKernel kernel;

    private Cosine(float[] query, CosineKernel kernel) {
        this.query = query;
        this.queryNormSquared = ScalarCosineKernel.normSquared(query);
        this.kernel = kernel;
    }

    /** Prepares {@code query}, which is kept, not copied, for {@link CosineKernel#best()}. */
    static Cosine of(float[] query) {
        return of(query, CosineKernel.best());
    }

    /** Prepares {@code query}, which is kept, not copied, for {@code kernel}. */
    static Cosine of(float[] query, CosineKernel kernel) {
        return new Cosine(query, kernel);
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
        double[] cosine = new double[1];
        similarities(new float[][]{other}, 1, cosine);
        return cosine[0];
    }

    /**
     * @param others       vectors of {@link #dimensions()} components
     * @param count        how many of {@code others}, from the first, to compare
     * @param similarities receives the similarity of {@code others[i]} at index {@code i}, as
     *                     {@link #similarity} would answer
     */
    void similarities(float[][] others, int count, double[] similarities) {
        for (int i = 0; i < count; i++) {
            if (others[i].length != query.length) {
                throw new IllegalArgumentException("expected " + query.length + " dimensions, got " + others[i].length);
            }
        }
        kernel.cosines(query, queryNormSquared, others, count, similarities);
    }
}
