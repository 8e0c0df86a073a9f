package io.assisthost.benchmarks;

import io.assisthost.api.Candidate;
import io.assisthost.api.ScoreMap;
import io.assisthost.plugins.rules.SeenTitles;
import io.assisthost.plugins.semantic.SemanticScorer;
import java.util.Arrays;
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
 * How fast re-scoring {@link RescoringBenchmark}'s input can be on this machine at all, on code that is
 * not a product path: the work written as one pass over primitive arrays, with no plugin boundaries, no
 * scorer, combiner or filter, no score map and no {@code Candidate} but for the ten kept. Three levels,
 * each doing less than the next:
 * <ul>
 *   <li>{@link #dotProducts()}: the 50 dot products of the conversation's embedding with each candidate's
 *       and nothing else. The 75 KB of embeddings are more than the first-level cache holds, so this is
 *       the speed at which this core streams them from the second level.
 *   <li>{@link #fusedDotProducts()}: the whole re-scoring, as if every embedding came normalised (so that
 *       a cosine is a dot product).
 *   <li>{@link #fusedCosines()}: the whole re-scoring of the embeddings as they come, as the product
 *       does it: each cosine needs the article's norm too.
 * </ul>
 * The whole re-scoring: each similarity clipped to [0, 1] and blended with the relevance (0.7 and 0.3),
 * candidates under 0.2 dropped, the ten best kept best first, skipping any whose title (compared as the rule
 * filter compares them, {@link SeenTitles}) an earlier one has, each kept one made a {@code Candidate} with its scores. It is the result
 * {@link RescoringPipeline} produces for this input, which {@link #setUp()} checks. It picks the ten best
 * instead of ranking all 50 (ranking all again when a duplicate title leaves fewer than ten), and gives no
 * reason for a drop.
 *
 * <p>All three compute in float, eight components per FMA (as the semantic scorer's kernel; 16 are no
 * faster here), four candidates per pass over the conversation's embedding, so that each of its chunks is
 * loaded once for four products.
 *
 * <p>Run: {@code java -jar host/benchmarks/target/benchmarks.jar RescoringBoundsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Threads(1)
public class RescoringBoundsBenchmark {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final double RELEVANCE_WEIGHT = 0.7;
    private static final double SEMANTIC_WEIGHT = 0.3;
    private static final double MIN_SCORE = 0.2;
    private static final int TOP_K = 10;
    private static final ScoreMap.Keys COMPONENTS = ScoreMap.keys(Candidate.RELEVANCE, SemanticScorer.COMPONENT);

    /** Candidates per search result, as in {@link RescoringBenchmark}. */
    @Param({"50"})
    int candidates;

    private float[] query;
    private double queryNormSquared;
    private Candidate[] found;
    private float[][] articles;

    /**
     * Takes {@link RescoringBenchmark}'s input, and checks that both fused re-scorings keep the documents
     * the product keeps, in its order, with its combined scores.
     */
    @Setup(Level.Trial)
    public void setUp() {
        RescoringData data = new RescoringData();
        if (FloatVector.SPECIES_PREFERRED.length() < FLOATS.length()) {
            // The Vector API would compute these in plain Java: not a bound of anything.
            throw new IllegalStateException("this CPU's vectors hold fewer than " + FLOATS.length() + " floats");
        }
        query = data.context().embedding();
        if (query.length % FLOATS.length() != 0) {
            throw new IllegalStateException("dimensions must be a multiple of " + FLOATS.length());
        }
        double sum = 0;
        for (float component : query) {
            sum += (double) component * component;
        }
        queryNormSquared = sum;
        found = data.candidates(candidates).toArray(new Candidate[0]);
        articles = Arrays.stream(found).map(Candidate::embedding).toArray(float[][]::new);
        List<Candidate> expected = new RescoringPipeline(candidates).rescore();
        requireSame(expected, fusedDotProducts(), "fusedDotProducts");
        requireSame(expected, fusedCosines(), "fusedCosines");
    }

    /** @return the dot products */
    @Benchmark
    public double[] dotProducts() {
        return similarities(false);
    }

    /** @return the kept candidates, best first, of embeddings taken as normalised */
    @Benchmark
    public Candidate[] fusedDotProducts() {
        return keep(similarities(false));
    }

    /** @return the kept candidates, best first */
    @Benchmark
    public Candidate[] fusedCosines() {
        return keep(similarities(true));
    }

    /** Each candidate's similarity: its dot product with the query, divided by the norms if {@code cosine}. */
    private double[] similarities(boolean cosine) {
        double[] similarities = new double[articles.length];
        int a = 0;
        for (; a + 4 <= articles.length; a += 4) {
            if (cosine) {
                fourCosines(a, similarities);
            } else {
                fourDots(a, similarities);
            }
        }
        for (; a < articles.length; a++) {
            float dot = dot(query, articles[a]);
            similarities[a] = cosine ? cosine(dot, dot(articles[a], articles[a])) : dot;
        }
        return similarities;
    }

    /** Blends, drops, picks the best and makes the result, from {@code similarities}. */
    private Candidate[] keep(double[] similarities) {
        int count = similarities.length;
        double[] combined = new double[count];
        int[] best = new int[TOP_K];
        int size = 0;
        for (int i = 0; i < count; i++) {
            similarities[i] = Math.max(0, Math.min(1, similarities[i]));
            double score = Math.max(0, Math.min(1,
                    RELEVANCE_WEIGHT * found[i].confidence() + SEMANTIC_WEIGHT * similarities[i]));
            combined[i] = score;
            if (score < MIN_SCORE || (size == TOP_K && score <= combined[best[TOP_K - 1]])) {
                continue;
            }
            // Strictly better only: of equal scores, the earlier candidate stays first, as in the product.
            int slot = size < TOP_K ? size++ : TOP_K - 1;
            while (slot > 0 && score > combined[best[slot - 1]]) {
                best[slot] = best[slot - 1];
                slot--;
            }
            best[slot] = i;
        }
        Candidate[] kept = new Candidate[size];
        int[] titleHashes = new int[size];
        for (int rank = 0; rank < size; rank++) {
            int i = best[rank];
            titleHashes[rank] = SeenTitles.keyHash(found[i].title());
            if (hasTitleOf(kept, titleHashes, rank, found[i])) {
                return keepRankingAll(similarities, combined);
            }
            kept[rank] = found[i].withScores(COMPONENTS.with(found[i].confidence(), similarities[i]), combined[i]);
        }
        return kept;
    }

    /** The slow way, for when a duplicate title among the ten best leaves room for the eleventh. */
    private Candidate[] keepRankingAll(double[] similarities, double[] combined) {
        Integer[] order = new Integer[combined.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(combined[b], combined[a]));
        Candidate[] kept = new Candidate[TOP_K];
        int[] titleHashes = new int[TOP_K];
        int keptCount = 0;
        for (int i : order) {
            if (keptCount == TOP_K || combined[i] < MIN_SCORE) {
                break;
            }
            titleHashes[keptCount] = SeenTitles.keyHash(found[i].title());
            if (!hasTitleOf(kept, titleHashes, keptCount, found[i])) {
                kept[keptCount++] = found[i].withScores(COMPONENTS.with(found[i].confidence(), similarities[i]),
                        combined[i]);
            }
        }
        return Arrays.copyOf(kept, keptCount);
    }

    /** Whether one of the first {@code count} kept has the title of {@code candidate} (its hash at {@code count}). */
    private static boolean hasTitleOf(Candidate[] kept, int[] titleHashes, int count, Candidate candidate) {
        for (int k = 0; k < count; k++) {
            if (titleHashes[k] == titleHashes[count]
                    && SeenTitles.key(kept[k].title()).equals(SeenTitles.key(candidate.title()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The dot products of the query with the four articles from {@code first}, into {@code out}. A loop of
     * its own, not {@link #fourCosines}'s with a flag: the fused dot-product re-scoring ran 5% slower so.
     */
    private void fourDots(int first, double[] out) {
        float[] a = articles[first];
        float[] b = articles[first + 1];
        float[] c = articles[first + 2];
        float[] d = articles[first + 3];
        FloatVector dotA = FloatVector.zero(FLOATS);
        FloatVector dotB = dotA;
        FloatVector dotC = dotA;
        FloatVector dotD = dotA;
        for (int i = 0; i < query.length; i += FLOATS.length()) {
            FloatVector q = FloatVector.fromArray(FLOATS, query, i);
            dotA = q.fma(FloatVector.fromArray(FLOATS, a, i), dotA);
            dotB = q.fma(FloatVector.fromArray(FLOATS, b, i), dotB);
            dotC = q.fma(FloatVector.fromArray(FLOATS, c, i), dotC);
            dotD = q.fma(FloatVector.fromArray(FLOATS, d, i), dotD);
        }
        out[first] = dotA.reduceLanes(VectorOperators.ADD);
        out[first + 1] = dotB.reduceLanes(VectorOperators.ADD);
        out[first + 2] = dotC.reduceLanes(VectorOperators.ADD);
        out[first + 3] = dotD.reduceLanes(VectorOperators.ADD);
    }

    /** The cosines of the query with the four articles from {@code first}, into {@code out}. */
    private void fourCosines(int first, double[] out) {
        float[] a = articles[first];
        float[] b = articles[first + 1];
        float[] c = articles[first + 2];
        float[] d = articles[first + 3];
        FloatVector dotA = FloatVector.zero(FLOATS);
        FloatVector dotB = dotA;
        FloatVector dotC = dotA;
        FloatVector dotD = dotA;
        FloatVector normA = dotA;
        FloatVector normB = dotA;
        FloatVector normC = dotA;
        FloatVector normD = dotA;
        for (int i = 0; i < query.length; i += FLOATS.length()) {
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
        out[first] = cosine(dotA.reduceLanes(VectorOperators.ADD), normA.reduceLanes(VectorOperators.ADD));
        out[first + 1] = cosine(dotB.reduceLanes(VectorOperators.ADD), normB.reduceLanes(VectorOperators.ADD));
        out[first + 2] = cosine(dotC.reduceLanes(VectorOperators.ADD), normC.reduceLanes(VectorOperators.ADD));
        out[first + 3] = cosine(dotD.reduceLanes(VectorOperators.ADD), normD.reduceLanes(VectorOperators.ADD));
    }

    private double cosine(float dot, float articleNormSquared) {
        return articleNormSquared == 0 ? 0 : dot / Math.sqrt(queryNormSquared * articleNormSquared);
    }

    private static float dot(float[] x, float[] y) {
        FloatVector sum = FloatVector.zero(FLOATS);
        for (int i = 0; i < x.length; i += FLOATS.length()) {
            sum = FloatVector.fromArray(FLOATS, x, i).fma(FloatVector.fromArray(FLOATS, y, i), sum);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    private static void requireSame(List<Candidate> expected, Candidate[] actual, String name) {
        boolean same = expected.size() == actual.length;
        for (int i = 0; same && i < actual.length; i++) {
            same = expected.get(i).documentId().equals(actual[i].documentId())
                    && Math.abs(expected.get(i).combinedScore() - actual[i].combinedScore()) < 1e-5;
        }
        if (!same) {
            throw new IllegalStateException(name + " keeps " + Arrays.stream(actual).map(Candidate::documentId).toList()
                    + ", the product " + expected.stream().map(Candidate::documentId).toList());
        }
    }
}
