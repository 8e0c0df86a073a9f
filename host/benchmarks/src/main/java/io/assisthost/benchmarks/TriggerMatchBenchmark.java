package io.assisthost.benchmarks;

import io.assisthost.host.actions.PhraseMatcher;
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
 * The trigger engine's inner step on one thread: one {@value TriggerMatchData#UTTERANCE_WORDS}-word
 * utterance matched against the phrases of every deployed action ({@link PhraseMatcher}), with
 * {@value TriggerMatchData#PHRASES_PER_ACTION} phrases of 1 to 3 words per action
 * ({@link TriggerMatchData}). The matcher is compiled once per trial; 64 utterances are cycled so that
 * branch prediction cannot learn one text. The figure to watch is how little throughput falls as
 * {@code actions} grows: only the number of hits (the result) should grow with it.
 *
 * <p>Run: {@code java -jar host/benchmarks/target/benchmarks.jar TriggerMatchBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TriggerMatchBenchmark {

    private static final int UTTERANCES = 64;

    /** Deployed actions (entries of the matcher). */
    @Param({"100", "1000", "10000"})
    int actions;

    private PhraseMatcher matcher;
    private String[] utterances;
    private int next;

    /** Compiles the actions' phrases and prepares the utterances. */
    @Setup(Level.Trial)
    public void setUp() {
        TriggerMatchData data = new TriggerMatchData();
        List<List<String>> phraseSets = data.actions(actions);
        matcher = PhraseMatcher.compile(phraseSets);
        utterances = data.utterances(phraseSets, UTTERANCES).toArray(String[]::new);
        int hits = 0;
        for (String utterance : utterances) {
            hits += matcher.match(utterance).size();
        }
        System.out.printf("%n%d actions: %.1f actions hit per utterance on average%n", actions,
                hits / (double) utterances.length);
    }

    /** @return the hits of the next utterance; returned so that JMH consumes them */
    @Benchmark
    public PhraseMatcher.Hits match() {
        String utterance = utterances[next];
        next = (next + 1) % UTTERANCES;
        return matcher.match(utterance);
    }
}
