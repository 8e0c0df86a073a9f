package io.assisthost.api;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Searches Genesys knowledge bases on behalf of a plugin, through the same client, token, circuit
 * breakers and rate limits as the host's own searches.
 */
public interface KnowledgeSearch {

    /**
     * Searches one knowledge base. Never blocks.
     *
     * @param query the search
     * @return a stage completing with the candidates ranked by the source's confidence (possibly empty),
     *     or exceptionally with {@link KnowledgeUnavailableException} when the knowledge base could not
     *     answer
     */
    CompletionStage<List<Candidate>> search(KnowledgeQuery query);
}
