package io.assisthost.benchmarks;

import io.assisthost.api.Candidate;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Re-scoring one knowledge search result on one thread, with the product classes (see
 * {@link RescoringPipeline}): cosine of caller-supplied 384-dimension embeddings, blend with the
 * source's relevance and sort, rule filter, and the filter's decisions applied. The inputs are built
 * once per trial, so only re-scoring is measured.
 *
 * <p>Run: {@code java -jar host/benchmarks/target/benchmarks.jar RescoringBenchmark}; add
 * {@code -p candidates=50} for the headline size only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
// As the host's start script does: the semantic scorer's cosines use the Vector API when it is there.
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(1)
public class RescoringBenchmark {

    /** Candidates per search result; 50 is the headline size. */
    @Param({"50", "20", "100"})
    int candidates;

    private RescoringPipeline pipeline;

    /** Builds the plugins and the search result. */
    @Setup(Level.Trial)
    public void setUp() {
        pipeline = new RescoringPipeline(candidates);
    }

    /** @return the candidates kept, best first; returned so that JMH consumes it */
    @Benchmark
    public List<Candidate> rescore() {
        return pipeline.rescore();
    }
}
