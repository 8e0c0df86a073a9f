package io.assisthost.api;

import java.util.List;
import java.util.Objects;

/**
 * The input of {@link RecommendationFilter#filter(FilterRequest)}.
 *
 * @param context    the interaction the candidates are for
 * @param candidates the scored candidates still in the result, ranked by descending
 *                   {@link Candidate#combinedScore() combined score}
 */
public record FilterRequest(InteractionContext context, List<Candidate> candidates) {

    /** Validates the components; the list is copied and made unmodifiable. */
    public FilterRequest {
        Objects.requireNonNull(context, "context");
        candidates = List.copyOf(candidates);
    }
}
