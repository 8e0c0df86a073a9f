package io.assisthost.plugins.fallback;

import io.assisthost.api.FallbackCause;
import io.assisthost.api.FallbackRequest;
import io.assisthost.api.FallbackResult;
import io.assisthost.api.FallbackStrategy;
import io.assisthost.api.KnowledgeQuery;
import io.assisthost.api.KnowledgeSearch;
import io.assisthost.api.PluginContext;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.pf4j.Extension;

/**
 * Searches the request's secondary knowledge base with the same query. Declines when no secondary
 * knowledge base is configured, when it is the one that failed, or when it finds nothing.
 */
@Extension(ordinal = 10)
public class SecondaryKnowledgeBaseFallback implements FallbackStrategy {

    /** The strategy name reported as {@code source.strategy}. */
    public static final String NAME = "secondary-knowledge-base";

    private final KnowledgeSearch knowledge;

    public SecondaryKnowledgeBaseFallback(PluginContext context) {
        this.knowledge = context.knowledge();
    }

    @Override
    public CompletionStage<Optional<FallbackResult>> fallback(FallbackRequest request) {
        String secondary = request.fallbackKnowledgeBaseId();
        if (secondary == null || secondary.equals(request.knowledgeBaseId())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        KnowledgeQuery query = new KnowledgeQuery(secondary, request.context().query(), request.context(),
                request.context().maxResults());
        return knowledge.search(query).thenApply(candidates -> candidates.isEmpty()
                ? Optional.empty()
                : Optional.of(FallbackResult.fresh(NAME, secondary, candidates, describe(request))));
    }

    private static String describe(FallbackRequest request) {
        return request.cause() == FallbackCause.EMPTY
                ? "primary knowledge base had no usable results"
                : "primary knowledge base unavailable: " + request.detail();
    }
}
