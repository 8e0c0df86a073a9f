package io.assisthost.plugins.semantic;

import java.util.Optional;

/**
 * Computes the cosine of a query, widened to double, with a float vector of the same length. Sums are
 * kept in double: the product of two floats is exact in double, so each step rounds once, and the result
 * is at least as accurate as summing float products one by one. Implementations differ only in the order
 * in which they add the products, so their results differ in the last bits only.
 *
 * <p>{@link #best()} is the fastest one this JVM can run. Implementations are stateless and thread-safe.
 */
abstract class CosineKernel {

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final CosineKernel BEST = vectorKernel().orElseGet(ScalarCosineKernel::new);

    /**
     * @param query            the query, widened
     * @param queryNormSquared the sum of the squares of the query's components
     * @param other            a vector of {@code query.length} components
     * @return the cosine of the angle between the two, -1 to 1; 0 if either is zero
     */
    abstract double cosine(double[] query, double queryNormSquared, float[] other);

    /** A short description for the logs. */
    abstract String description();

    /** The SIMD kernel when this JVM has it and it is fast here, else the scalar one. */
    static CosineKernel best() {
        return BEST;
    }

    /**
     * The SIMD kernel, if the JVM was started with {@code --add-modules jdk.incubator.vector} and the CPU
     * has vectors of at least four doubles (on narrower ones the Vector API runs in plain Java, many times
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
