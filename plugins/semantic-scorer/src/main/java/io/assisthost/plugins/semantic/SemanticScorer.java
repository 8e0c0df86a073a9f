package io.assisthost.plugins.semantic;

import io.assisthost.api.Candidate;
import io.assisthost.api.PluginContext;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreColumn;
import io.assisthost.api.ScoreRequest;
import io.assisthost.api.Scorer;
import java.util.List;
import org.pf4j.Extension;

/**
 * Adds the {@code semantic} component: the cosine similarity of the conversation's embedding and each
 * article's, clipped to [0, 1]. Embeddings come from the request when the caller supplies them (with
 * equal dimensions), else from a built-in lexical embedding of the query and of the article's title
 * and text.
 *
 * <p>Settings ({@code plugins.config.semantic-scorer}): {@code dimensions} of the lexical embedding
 * (default 384); {@code embeddingCache}, how many articles' lexical embeddings are kept for when the
 * same articles come again (default 4096, about 1.5 KB each at 384 dimensions; 0 keeps none).
 *
 * <p>Cosines use SIMD instructions in float when the host runs with
 * {@code --add-modules jdk.incubator.vector} (its start script does), else plain Java in double; the
 * results agree to about 1e-5.
 */
@Extension(ordinal = 10)
public class SemanticScorer implements Scorer {

    /** The component this scorer adds. */
    public static final String COMPONENT = "semantic";

    private final LexicalEmbedding lexical;
    private final DocumentEmbeddings documents;

    public SemanticScorer(PluginContext context) {
        this.lexical = new LexicalEmbedding(context.config().getInt("dimensions", 384));
        this.documents = new DocumentEmbeddings(context.config().getInt("embeddingCache", 4096));
        context.logger().log(System.Logger.Level.INFO, "cosine kernel: {0}", CosineKernel.best().description());
    }

    @Override
    public List<Score> score(ScoreRequest request) {
        List<Candidate> candidates = request.candidates();
        float[] callerEmbedding = request.context().embedding();
        Comparisons withCaller = new Comparisons(candidates.size());
        Comparisons lexically = new Comparisons(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            float[] article = candidate.embedding();
            if (callerEmbedding != null && article != null && article.length == callerEmbedding.length) {
                withCaller.add(i, article);
            } else {
                lexically.add(i, documents.of(candidate, lexical::embed));
            }
        }
        double[] similarities = new double[candidates.size()];
        withCaller.compare(callerEmbedding, similarities);
        // The query's text is only embedded when a candidate has no caller embedding to compare with.
        lexically.compare(lexically.isEmpty() ? null : lexical.embed(request.context().query()), similarities);
        for (int i = 0; i < similarities.length; i++) {
            similarities[i] = Math.max(0.0, Math.min(1.0, similarities[i]));
        }
        return ScoreColumn.of(request, COMPONENT, similarities);
    }

    /**
     * The candidates to compare with one query: their positions and vectors, compared all at once, as the
     * kernels compare several vectors faster than one at a time.
     */
    private static final class Comparisons {

        private final int[] positions;
        private final float[][] vectors;
        private int size;

        Comparisons(int capacity) {
            positions = new int[capacity];
            vectors = new float[capacity][];
        }

        void add(int position, float[] vector) {
            positions[size] = position;
            vectors[size++] = vector;
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** Puts each vector's similarity with {@code query} at its candidate's position. */
        void compare(float[] query, double[] similarities) {
            if (size == 0) {
                return;
            }
            double[] cosines = new double[size];
            Cosine.of(query).similarities(vectors, size, cosines);
            for (int i = 0; i < size; i++) {
                similarities[positions[i]] = cosines[i];
            }
        }
    }
}
