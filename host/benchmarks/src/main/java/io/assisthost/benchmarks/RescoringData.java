package io.assisthost.benchmarks;

import io.assisthost.api.Candidate;
import io.assisthost.api.InteractionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic, realistic inputs for the re-scoring benchmarks: a conversation with a caller-supplied
 * embedding and knowledge candidates that each carry one of the same dimensions. A fixed seed makes every
 * run (and every fork) score the same data, so figures are comparable across commits.
 */
final class RescoringData {

    /** The embedding size of the common sentence-embedding models (all-MiniLM-L6-v2 and the like). */
    static final int DIMENSIONS = 384;

    private static final long SEED = 0x5EED_2024L;
    private static final String[] TOPICS = {"refund", "delivery", "password", "invoice", "warranty", "upgrade",
        "cancellation", "roaming", "billing", "outage"};

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final float[] query = embedding(null, 0);

    InteractionContext context() {
        return new InteractionContext("conv-benchmark", "Voice", "agent-1", "queue-1", "refund_request",
                List.of("refund", "late", "delivery"), "refund for a late delivery", 10, 0.0, null, query);
    }

    List<Candidate> candidates(int count) {
        List<Candidate> candidates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String topic = TOPICS[i % TOPICS.length];
            String title = "How to handle a " + topic + " request (" + i + ")";
            double confidence = 0.2 + 0.75 * random.nextDouble();
            Candidate candidate = Candidate.of("doc-" + i, "kb-main", title,
                    i % 3 == 0 ? "faq" : "knowledge_article", "https://kb.example.com/articles/" + i,
                    "Steps an agent follows for a " + topic + " request.\nCheck the account first.",
                    "3", "Customer care", List.of(topic), confidence);
            // Mixing in the query gives the spread of similarities a real search returns, not all near 0.
            candidates.add(candidate.withEmbedding(embedding(query, 0.1 * random.nextInt(16))));
        }
        return candidates;
    }

    /**
     * An L2-normalised vector: uniform noise of expected norm 1, plus {@code weight} times {@code base}
     * (a unit vector, or {@code null} for pure noise). Its cosine with {@code base} is then about
     * {@code weight / sqrt(1 + weight^2)}.
     */
    private float[] embedding(float[] base, double weight) {
        float[] vector = new float[DIMENSIONS];
        double noise = 1 / Math.sqrt(DIMENSIONS / 3.0);
        double sum = 0;
        for (int i = 0; i < vector.length; i++) {
            double value = (2 * random.nextDouble() - 1) * noise;
            vector[i] = (float) (base == null ? value : value + weight * base[i]);
            sum += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
