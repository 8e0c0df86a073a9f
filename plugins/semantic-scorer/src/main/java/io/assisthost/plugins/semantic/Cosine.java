package io.assisthost.plugins.semantic;

/**
 * Cosine similarity of one query vector with many others of the same length. The query is prepared once
 * (widened to double, its squared norm computed), so each comparison only reads the other vector.
 *
 * <p>Sums are kept in double: the product of two floats is exact in double, so each step rounds once,
 * and the result is at least as accurate as summing float products one by one. {@link Math#fma} gives
 * the same values as a multiply and an add here, but is one instruction on CPUs with FMA (x86-64 from about
 * 2013 on, every ARMv8); without FMA the JDK computes it in software, many times slower.
 *
 * <p>Immutable and thread-safe.
 */
final class Cosine {

    private final double[] query;
    private final double queryNormSquared;

    private Cosine(double[] query, double queryNormSquared) {
        this.query = query;
        this.queryNormSquared = queryNormSquared;
    }

    /** Prepares {@code query}, which is read once here and not kept. */
    static Cosine of(float[] query) {
        double[] widened = new double[query.length];
        double normSquared = 0;
        for (int i = 0; i < query.length; i++) {
            widened[i] = query[i];
            normSquared = Math.fma(widened[i], widened[i], normSquared);
        }
        return new Cosine(widened, normSquared);
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
        // Four independent sums of each kind instead of one: a single running sum makes every step wait
        // for the previous addition, which costs several times more than the arithmetic itself.
        double dot0 = 0;
        double dot1 = 0;
        double dot2 = 0;
        double dot3 = 0;
        double norm0 = 0;
        double norm1 = 0;
        double norm2 = 0;
        double norm3 = 0;
        int i = 0;
        for (int end = other.length & ~3; i < end; i += 4) {
            double o0 = other[i];
            double o1 = other[i + 1];
            double o2 = other[i + 2];
            double o3 = other[i + 3];
            dot0 = Math.fma(query[i], o0, dot0);
            dot1 = Math.fma(query[i + 1], o1, dot1);
            dot2 = Math.fma(query[i + 2], o2, dot2);
            dot3 = Math.fma(query[i + 3], o3, dot3);
            norm0 = Math.fma(o0, o0, norm0);
            norm1 = Math.fma(o1, o1, norm1);
            norm2 = Math.fma(o2, o2, norm2);
            norm3 = Math.fma(o3, o3, norm3);
        }
        for (; i < other.length; i++) {
            double o = other[i];
            dot0 = Math.fma(query[i], o, dot0);
            norm0 = Math.fma(o, o, norm0);
        }
        double otherNormSquared = (norm0 + norm1) + (norm2 + norm3);
        if (queryNormSquared == 0 || otherNormSquared == 0) {
            return 0;
        }
        return ((dot0 + dot1) + (dot2 + dot3)) / Math.sqrt(queryNormSquared * otherNormSquared);
    }
}
