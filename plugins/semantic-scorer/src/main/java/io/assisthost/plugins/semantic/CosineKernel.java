package io.assisthost.plugins.semantic;

import java.util.Optional;

/**
 * Computes the cosines of one query with many vectors of the same length. Implementations differ in
 * speed and in the order and precision of their sums: {@link ScalarCosineKernel} sums in double and is
 * exact to about 1e-15, {@link VectorCosineKernel} sums in float with SIMD instructions and is within
 * about 1e-5 up to 630 components.
 *
 * <p>{@link #best()} is the fastest one this JVM can run. Implementations are stateless and thread-safe.
 */
abstract class CosineKernel {

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final CosineKernel BEST = vectorKernel().orElseGet(ScalarCosineKernel::new);

    /**
     * @param query            the query
     * @param queryNormSquared the sum of the squares of the query's components, summed in double
     * @param vectors          vectors of {@code query.length} components each
     * @param count            how many of {@code vectors}, from the first, to compare
     * @param cosines          receives the cosine of the query with {@code vectors[i]} at index {@code i}:
     *                         -1 to 1; 0 if either vector is zero
     */
    abstract void cosines(float[] query, double queryNormSquared, float[][] vectors, int count, double[] cosines);

    /** A short description for the logs. */
    abstract String description();

    /** The SIMD kernel when this JVM has it and it is fast here, else the scalar one. */
    static CosineKernel best() {
        return BEST;
    }

    /**
     * The SIMD kernel, if the JVM was started with {@code --add-modules jdk.incubator.vector} and the CPU
     * has vectors of at least eight floats (on narrower ones the Vector API runs in plain Java, many times
     * slower than the scalar kernel).
     */
    static Optional<CosineKernel> vectorKernel() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        try {
            // By name: a direct reference would have the class verified, and so fail to link, even when
            // the incubator module is absent and it is never used.
            return Optional.of(Class.forName(CosineKernel.class.getPackageName() + ".VectorCosineKernel")
                    .asSubclass(CosineKernel.class)
                    .getDeclaredConstructor()
                    .newInstance());
        } catch (ReflectiveOperationException | LinkageError unavailable) {
            // Also the constructor's refusal of narrow vectors, wrapped in an InvocationTargetException.
            return Optional.empty();
        }
    }

    /** Applies the definition to the two squared norms and the dot product. */
    static double cosine(double dot, double queryNormSquared, double otherNormSquared) {
        if (queryNormSquared == 0 || otherNormSquared == 0) {
            return 0;
        }
        return dot / Math.sqrt(queryNormSquared * otherNormSquared);
    }
}
