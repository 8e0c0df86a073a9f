package io.assisthost.benchmarks;

import io.assisthost.host.actions.ActionDefinition;
import io.assisthost.host.actions.DeployedActions;
import io.assisthost.host.actions.Trigger;
import io.assisthost.host.actions.Ui;
import io.assisthost.host.actions.Utterance;
import io.assisthost.host.actions.Variant;
import io.assisthost.host.actions.matching.PhraseMatcher;
import java.util.ArrayList;
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
 * <p>{@code evaluate} is the whole evaluation the trigger engine runs per utterance: the match, then
 * for each action heard its {@code any}/{@code all} rule, speaker, confidence, queue, skill and media
 * conditions and the variant the conversation is assigned to ({@link DeployedActions#evaluate}).
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
    private DeployedActions deployed;
    private String[] utterances;
    private Utterance[] transcript;
    private int next;

    /** Compiles the actions' phrases and prepares the utterances. */
    @Setup(Level.Trial)
    public void setUp() {
        TriggerMatchData data = new TriggerMatchData();
        List<List<String>> phraseSets = data.actions(actions);
        matcher = PhraseMatcher.compile(phraseSets);
        deployed = DeployedActions.of(entries(phraseSets));
        utterances = data.utterances(phraseSets, UTTERANCES).toArray(String[]::new);
        transcript = new Utterance[utterances.length];
        for (int i = 0; i < utterances.length; i++) {
            transcript[i] = new Utterance("conv-" + i, utterances[i], 0.9, "customer", "voice", "billing", List.of());
        }
        int hits = 0;
        for (String utterance : utterances) {
            hits += matcher.match(utterance).size();
        }
        System.out.printf("%n%d actions: %.1f actions hit per utterance on average%n", actions,
                hits / (double) utterances.length);
    }

    /**
     * Each action deployed as one variant, listening to customers on voice calls; one in four needs all
     * of its phrases.
     */
    private static List<DeployedActions.Entry> entries(List<List<String>> phraseSets) {
        List<DeployedActions.Entry> entries = new ArrayList<>();
        for (int i = 0; i < phraseSets.size(); i++) {
            Trigger trigger = new Trigger(phraseSets.get(i), i % 4 == 0 ? Trigger.Match.ALL : Trigger.Match.ANY,
                    Trigger.Speaker.CUSTOMER, 0.75, List.of(), List.of(), List.of("voice"));
            String name = "action-" + i;
            ActionDefinition definition = new ActionDefinition(name, "1.0.0", "", true, trigger,
                    "<p>card " + i + "</p>", Ui.DEFAULT, List.of());
            List<Variant> rollout = List.of(new Variant("1.0.0", 100, "control"));
            entries.add(new DeployedActions.Entry(name, rollout, rollout.get(0), definition, "default-src 'none'"));
        }
        return entries;
    }

    /** @return the hits of the next utterance; returned so that JMH consumes them */
    @Benchmark
    public PhraseMatcher.Hits match() {
        String utterance = utterances[next];
        next = (next + 1) % UTTERANCES;
        return matcher.match(utterance);
    }

    /** @return what triggers on the next utterance */
    @Benchmark
    public DeployedActions.Matches evaluate() {
        Utterance utterance = transcript[next];
        next = (next + 1) % UTTERANCES;
        return deployed.evaluate(utterance);
    }
}
