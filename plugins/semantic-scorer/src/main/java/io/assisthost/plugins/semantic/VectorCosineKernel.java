package io.assisthost.plugins.semantic;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The cosine with the JDK's incubating Vector API: four floats at a time are widened to doubles (one
 * instruction with AVX) and multiplied and added in one FMA per four products, instead of one per
 * product. Only loaded, by name, when the {@code jdk.incubator.vector} module is present (see
 * {@link CosineKernel#vectorKernel()}).
 */
final class VectorCosineKernel extends CosineKernel {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
    private static final int LANES = 4;
    /** Components per loop step: four vectors of each sum, as each FMA waits for the previous one's sum. */
    private static final int STEP = 4 * LANES;

    /** @throws UnsupportedOperationException if the CPU's vectors hold fewer than four doubles */
    VectorCosineKernel() {
        if (DoubleVector.SPECIES_PREFERRED.length() < LANES) {
            throw new UnsupportedOperationException("vectors of " + DoubleVector.SPECIES_PREFERRED.length()
                    + " doubles only");
        }
    }

    @Override
    double cosine(double[] query, double queryNormSquared, float[] other) {
        DoubleVector dot0 = DoubleVector.zero(DOUBLES);
        DoubleVector dot1 = dot0;
        DoubleVector dot2 = dot0;
        DoubleVector dot3 = dot0;
        DoubleVector norm0 = dot0;
        DoubleVector norm1 = dot0;
        DoubleVector norm2 = dot0;
        DoubleVector norm3 = dot0;
        int i = 0;
        for (int end = other.length - other.length % STEP; i < end; i += STEP) {
            DoubleVector o0 = widened(other, i);
            dot0 = DoubleVector.fromArray(DOUBLES, query, i).fma(o0, dot0);
            norm0 = o0.fma(o0, norm0);
            DoubleVector o1 = widened(other, i + LANES);
            dot1 = DoubleVector.fromArray(DOUBLES, query, i + LANES).fma(o1, dot1);
            norm1 = o1.fma(o1, norm1);
            DoubleVector o2 = widened(other, i + 2 * LANES);
            dot2 = DoubleVector.fromArray(DOUBLES, query, i + 2 * LANES).fma(o2, dot2);
            norm2 = o2.fma(o2, norm2);
            DoubleVector o3 = widened(other, i + 3 * LANES);
            dot3 = DoubleVector.fromArray(DOUBLES, query, i + 3 * LANES).fma(o3, dot3);
            norm3 = o3.fma(o3, norm3);
        }
        for (int end = other.length - other.length % LANES; i < end; i += LANES) {
            DoubleVector o = widened(other, i);
            dot0 = DoubleVector.fromArray(DOUBLES, query, i).fma(o, dot0);
            norm0 = o.fma(o, norm0);
        }
        double dot = dot0.add(dot1).add(dot2.add(dot3)).reduceLanes(VectorOperators.ADD);
        double norm = norm0.add(norm1).add(norm2.add(norm3)).reduceLanes(VectorOperators.ADD);
        for (; i < other.length; i++) {
            double o = other[i];
            dot = Math.fma(query[i], o, dot);
            norm = Math.fma(o, o, norm);
        }
        return cosine(dot, queryNormSquared, norm);
    }

    private static DoubleVector widened(float[] vector, int from) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, vector, from).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    @Override
    String description() {
        return "jdk.incubator.vector, " + DOUBLES.length() + " doubles per FMA";
    }
}
