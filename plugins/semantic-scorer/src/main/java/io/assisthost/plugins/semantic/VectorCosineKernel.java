package io.assisthost.plugins.semantic;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The cosines with the JDK's incubating Vector API, in float, eight components per FMA, four vectors at
 * a time. Re-scoring reads tens of kilobytes of embeddings per search result, more than the first-level
 * cache holds, so the speed is that of loading them: four vectors at a time load each chunk of the query
 * once for four comparisons, and float sums load and multiply half the bytes that double ones would.
 *
 * <p>Eight lanes even where the CPU has wider vectors (AVX-512): 256-bit loads stream the embeddings from
 * the second-level cache as fast as 512-bit ones, while adding up a vector's lanes at the end of each sum,
 * which JDK 17 does one lane after the other, costs twice as much on 16 lanes (on an AVX-512 core, 50
 * comparisons of 384 components took 0.93 µs with 8 lanes against 1.14 µs with 16).
 *
 * <p>Each lane sums its share of the products with one rounding per FMA, so a cosine is within about
 * {@code (n / 8 + 5) * 2^-23} of the exact value: 6e-6 at 384 components, below 1e-5 up to 630, 2.4e-5 at
 * 1,536. Where float sums could underflow or overflow (a squared norm outside [2^-100, 2^100]), the vector
 * is compared by {@link ScalarCosineKernel} instead. Only loaded, by name, when the
 * {@code jdk.incubator.vector} module is present (see {@link CosineKernel#vectorKernel()}).
 */
final class VectorCosineKernel extends CosineKernel {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    /** The squared norms between which float sums neither underflow nor overflow. */
    private static final double MIN_NORM_SQUARED = 0x1p-100;
    private static final double MAX_NORM_SQUARED = 0x1p100;

    /** @throws UnsupportedOperationException if the CPU's vectors hold fewer than eight floats */
    VectorCosineKernel() {
        // On narrower hardware 256-bit vectors would run in plain Java, many times slower than the scalar kernel.
        int widest = FloatVector.SPECIES_PREFERRED.length();
        if (widest < FLOATS.length()) {
            throw new UnsupportedOperationException("vectors of " + widest + " floats only");
        }
    }

    @Override
    void cosines(float[] query, double queryNormSquared, float[][] vectors, int count, double[] cosines) {
        if (!inRange(queryNormSquared)) {
            for (int v = 0; v < count; v++) {
                cosines[v] = ScalarCosineKernel.cosine(query, queryNormSquared, vectors[v]);
            }
            return;
        }
        int v = 0;
        for (; v + 4 <= count; v += 4) {
            fourCosines(query, queryNormSquared, vectors, v, cosines);
        }
        for (; v < count; v++) {
            cosines[v] = oneCosine(query, queryNormSquared, vectors[v]);
        }
    }

    private static void fourCosines(float[] query, double queryNormSquared, float[][] vectors, int first,
                                    double[] cosines) {
        float[] a = vectors[first];
        float[] b = vectors[first + 1];
        float[] c = vectors[first + 2];
        float[] d = vectors[first + 3];
        FloatVector dotA = FloatVector.zero(FLOATS);
        FloatVector dotB = dotA;
        FloatVector dotC = dotA;
        FloatVector dotD = dotA;
        FloatVector normA = dotA;
        FloatVector normB = dotA;
        FloatVector normC = dotA;
        FloatVector normD = dotA;
        int bulk = FLOATS.loopBound(query.length);
        for (int i = 0; i < bulk; i += FLOATS.length()) {
            FloatVector q = FloatVector.fromArray(FLOATS, query, i);
            FloatVector x = FloatVector.fromArray(FLOATS, a, i);
            dotA = q.fma(x, dotA);
            normA = x.fma(x, normA);
            x = FloatVector.fromArray(FLOATS, b, i);
            dotB = q.fma(x, dotB);
            normB = x.fma(x, normB);
            x = FloatVector.fromArray(FLOATS, c, i);
            dotC = q.fma(x, dotC);
            normC = x.fma(x, normC);
            x = FloatVector.fromArray(FLOATS, d, i);
            dotD = q.fma(x, dotD);
            normD = x.fma(x, normD);
        }
        cosines[first] = finish(query, queryNormSquared, a, bulk, dotA, normA);
        cosines[first + 1] = finish(query, queryNormSquared, b, bulk, dotB, normB);
        cosines[first + 2] = finish(query, queryNormSquared, c, bulk, dotC, normC);
        cosines[first + 3] = finish(query, queryNormSquared, d, bulk, dotD, normD);
    }

    private static double oneCosine(float[] query, double queryNormSquared, float[] other) {
        FloatVector dot = FloatVector.zero(FLOATS);
        FloatVector norm = dot;
        int bulk = FLOATS.loopBound(query.length);
        for (int i = 0; i < bulk; i += FLOATS.length()) {
            FloatVector x = FloatVector.fromArray(FLOATS, other, i);
            dot = FloatVector.fromArray(FLOATS, query, i).fma(x, dot);
            norm = x.fma(x, norm);
        }
        return finish(query, queryNormSquared, other, bulk, dot, norm);
    }

    /** Adds the lanes and the components past the last full vector, and applies the definition. */
    private static double finish(float[] query, double queryNormSquared, float[] other, int bulk,
                                 FloatVector dotLanes, FloatVector normLanes) {
        float dot = dotLanes.reduceLanes(VectorOperators.ADD);
        float norm = normLanes.reduceLanes(VectorOperators.ADD);
        for (int i = bulk; i < other.length; i++) {
            dot = Math.fma(query[i], other[i], dot);
            norm = Math.fma(other[i], other[i], norm);
        }
        if (!inRange(norm)) {
            return ScalarCosineKernel.cosine(query, queryNormSquared, other);
        }
        return cosine(dot, queryNormSquared, norm);
    }

    private static boolean inRange(double normSquared) {
        return normSquared >= MIN_NORM_SQUARED && normSquared <= MAX_NORM_SQUARED;
    }

    @Override
    String description() {
        return "jdk.incubator.vector, " + FLOATS.length() + " floats per FMA, four vectors at a time";
    }
}
