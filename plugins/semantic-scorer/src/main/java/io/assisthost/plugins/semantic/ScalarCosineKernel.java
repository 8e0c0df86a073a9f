package io.assisthost.plugins.semantic;

/**
 * The cosine in plain Java, with sums in double: the product of two floats is exact in double, so each
 * step rounds once, and the result is at least as accurate as summing float products one by one. It is
 * the kernel of JVMs without the Vector API, and the one {@link VectorCosineKernel} falls back to for
 * vectors whose float sums would underflow or overflow.
 *
 * <p>{@link Math#fma} gives the same values as a multiply and an add here, but is one instruction on CPUs
 * with FMA (x86-64 from about 2013 on, every ARMv8); without FMA the JDK computes it in software, many
 * times slower.
 */
final class ScalarCosineKernel extends CosineKernel {

    @Override
    void cosines(float[] query, double queryNormSquared, float[][] vectors, int count, double[] cosines) {
        for (int v = 0; v < count; v++) {
            cosines[v] = cosine(query, queryNormSquared, vectors[v]);
        }
    }

    /** The cosine of {@code query} with {@code other}, of the same length, exact to about 1e-15. */
    static double cosine(float[] query, double queryNormSquared, float[] other) {
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
        return cosine((dot0 + dot1) + (dot2 + dot3), queryNormSquared, (norm0 + norm1) + (norm2 + norm3));
    }

    /**
     * The sum of the squares of {@code vector}'s components, in double. Once per query, but a single running
     * sum over 384 components waits on each addition and took as long as a tenth of a whole re-scoring.
     */
    static double normSquared(float[] vector) {
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        int i = 0;
        for (int end = vector.length & ~3; i < end; i += 4) {
            sum0 = Math.fma(vector[i], vector[i], sum0);
            sum1 = Math.fma(vector[i + 1], vector[i + 1], sum1);
            sum2 = Math.fma(vector[i + 2], vector[i + 2], sum2);
            sum3 = Math.fma(vector[i + 3], vector[i + 3], sum3);
        }
        for (; i < vector.length; i++) {
            sum0 = Math.fma(vector[i], vector[i], sum0);
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    @Override
    String description() {
        return "scalar";
    }
}
