package io.assisthost.benchmarks;

import io.assisthost.api.Candidate;
import io.assisthost.api.FilterDecision;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The steps of {@link RescoringBenchmark} one at a time, on the same 50 candidates, to show where a
 * re-scoring's time goes. Each step gets the input the previous one produces.
 *
 * <p>Run: {@code java -jar host/benchmarks/target/benchmarks.jar RescoringStagesBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
// As the host's start script does: the semantic scorer's cosines use the Vector API when it is there.
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(1)
public class RescoringStagesBenchmark {

    private RescoringPipeline pipeline;
    private ScoreRequest request;
    private List<Score> semantic;
    private List<Candidate> ranked;
    private List<FilterDecision> decisions;

    /** Builds the pipeline and each step's input. */
    @Setup(Level.Trial)
    public void setUp() {
        pipeline = new RescoringPipeline(50);
        request = pipeline.request();
        semantic = pipeline.score(request);
        ranked = pipeline.combine(request, semantic);
        decisions = pipeline.filter(ranked);
    }

    /** @return the semantic scores of the search result */
    @Benchmark
    public List<Score> score() {
        return pipeline.score(request);
    }

    /** @return the search result blended with its semantic scores, best first */
    @Benchmark
    public List<Candidate> combine() {
        return pipeline.combine(request, semantic);
    }

    /** @return the rule filter's decisions on the ranked result */
    @Benchmark
    public List<FilterDecision> filter() {
        return pipeline.filter(ranked);
    }

    /** @return the ranked result without the candidates the filter dropped */
    @Benchmark
    public List<Candidate> applyDecisions() {
        return RescoringPipeline.kept(ranked, decisions);
    }
}
