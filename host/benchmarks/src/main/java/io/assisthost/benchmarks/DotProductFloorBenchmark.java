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
 * The least work any re-scoring of {@link RescoringBenchmark}'s input must do, and nothing else: the dot
 * products of the conversation's embedding with each candidate's, in float, eight components per FMA (as
 * the semantic scorer's kernel; 16 are no faster here), four candidates per pass over the conversation's
 * embedding (so that each of its chunks is loaded once for four products), from arrays already in cache. No norms (as if
 * every embedding came normalised), no blending, filtering or sorting, no objects. It is not a product
 * path: the 50 embeddings (75 KB at 384 dimensions) are more than the first-level cache holds, so this is
 * about the speed at which this CPU streams them from the second level, and it bounds how many
 * re-scorings per second any implementation can reach here.
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
        if (query.length % FLOATS.length() != 0) {
            throw new IllegalStateException("dimensions must be a multiple of " + FLOATS.length());
        }
    }

    /** @return the sum of the dot products, so that JMH consumes them */
    @Benchmark
    public float dotProducts() {
        float total = 0;
        int a = 0;
        for (; a + 4 <= articles.length; a += 4) {
            total += fourDots(query, articles[a], articles[a + 1], articles[a + 2], articles[a + 3]);
        }
        for (; a < articles.length; a++) {
            total += dot(query, articles[a]);
        }
        return total;
    }

    private static float dot(float[] q, float[] a) {
        FloatVector sum = FloatVector.zero(FLOATS);
        for (int i = 0; i < q.length; i += FLOATS.length()) {
            sum = FloatVector.fromArray(FLOATS, q, i).fma(FloatVector.fromArray(FLOATS, a, i), sum);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    private static float fourDots(float[] q, float[] a, float[] b, float[] c, float[] d) {
        FloatVector sumA = FloatVector.zero(FLOATS);
        FloatVector sumB = sumA;
        FloatVector sumC = sumA;
        FloatVector sumD = sumA;
        for (int i = 0; i < q.length; i += FLOATS.length()) {
            FloatVector chunk = FloatVector.fromArray(FLOATS, q, i);
            sumA = chunk.fma(FloatVector.fromArray(FLOATS, a, i), sumA);
            sumB = chunk.fma(FloatVector.fromArray(FLOATS, b, i), sumB);
            sumC = chunk.fma(FloatVector.fromArray(FLOATS, c, i), sumC);
            sumD = chunk.fma(FloatVector.fromArray(FLOATS, d, i), sumD);
        }
        return sumA.add(sumB).add(sumC.add(sumD)).reduceLanes(VectorOperators.ADD);
    }
}
