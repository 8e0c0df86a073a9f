package io.assisthost.benchmarks;

import io.assisthost.api.Candidate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The least arithmetic any re-scoring of {@link RescoringBenchmark}'s input must do, and nothing else:
 * the dot products of the conversation's embedding with each candidate's, in float, eight components per
 * FMA (AVX2), four independent sums, from arrays already in cache. No norms (as if every embedding came
 * normalised), no blending, filtering or sorting, no objects. It is not a product path: it shows how many
 * re-scorings per second this CPU allows at most, whatever the implementation.
 *
 * <p>Run: {@code java -jar host/benchmarks/target/benchmarks.jar DotProductFloorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(1)
public class DotProductFloorBenchmark {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final int LANES = 8;
    private static final int STEP = 4 * LANES;

    /** Candidates per search result, as in {@link RescoringBenchmark}. */
    @Param({"50"})
    int candidates;

    private float[] query;
    private float[][] articles;

    /** Takes the embeddings of {@link RescoringBenchmark}'s data. */
    @Setup(Level.Trial)
    public void setUp() {
        RescoringData data = new RescoringData();
        query = data.context().embedding();
        List<Candidate> found = data.candidates(candidates);
        articles = found.stream().map(Candidate::embedding).toArray(float[][]::new);
        if (query.length % STEP != 0) {
            throw new IllegalStateException("dimensions must be a multiple of " + STEP);
        }
    }

    /** @return the sum of the dot products, so that JMH consumes them */
    @Benchmark
    public float dotProducts() {
        float total = 0;
        for (float[] article : articles) {
            total += dot(query, article);
        }
        return total;
    }

    private static float dot(float[] a, float[] b) {
        FloatVector sum0 = FloatVector.zero(FLOATS);
        FloatVector sum1 = sum0;
        FloatVector sum2 = sum0;
        FloatVector sum3 = sum0;
        for (int i = 0; i < a.length; i += STEP) {
            sum0 = FloatVector.fromArray(FLOATS, a, i).fma(FloatVector.fromArray(FLOATS, b, i), sum0);
            sum1 = FloatVector.fromArray(FLOATS, a, i + LANES).fma(FloatVector.fromArray(FLOATS, b, i + LANES), sum1);
            sum2 = FloatVector.fromArray(FLOATS, a, i + 2 * LANES)
                    .fma(FloatVector.fromArray(FLOATS, b, i + 2 * LANES), sum2);
            sum3 = FloatVector.fromArray(FLOATS, a, i + 3 * LANES)
                    .fma(FloatVector.fromArray(FLOATS, b, i + 3 * LANES), sum3);
        }
        return sum0.add(sum1).add(sum2.add(sum3)).reduceLanes(VectorOperators.ADD);
    }
}
