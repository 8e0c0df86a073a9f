package io.assisthost.plugins.semantic;

import io.assisthost.api.Candidate;
import io.assisthost.api.PluginContext;
import io.assisthost.api.Score;
import io.assisthost.api.ScoreRequest;
import io.assisthost.api.Scorer;
import java.util.ArrayList;
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
 * <p>Cosines use SIMD instructions when the host runs with {@code --add-modules jdk.incubator.vector}
 * (its start script does), else plain Java; the results are the same to about 1e-15.
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
        float[] callerEmbedding = request.context().embedding();
        Cosine callerQuery = callerEmbedding == null ? null : Cosine.of(callerEmbedding);
        // The query's text is only embedded when a candidate has no caller embedding to compare with,
        // and then once per request.
        Cosine lexicalQuery = null;
        List<Score> scores = new ArrayList<>(request.candidates().size());
        for (Candidate candidate : request.candidates()) {
            float[] article = candidate.embedding();
            double similarity;
            if (callerQuery != null && article != null && article.length == callerQuery.dimensions()) {
                similarity = callerQuery.similarity(article);
            } else {
                if (lexicalQuery == null) {
                    lexicalQuery = Cosine.of(lexical.embed(request.context().query()));
                }
                similarity = lexicalQuery.similarity(documents.of(candidate, lexical::embed));
            }
            scores.add(new Score(candidate.documentId(), COMPONENT, Math.max(0.0, Math.min(1.0, similarity))));
        }
        return scores;
    }
}
