package io.assisthost.api;

import java.util.List;
import java.util.Objects;

/**
 * The input of {@link Scorer#score(ScoreRequest)}.
 *
 * @param context    the interaction the candidates are for
 * @param candidates the candidates to score, in the knowledge source's order; never empty
 */
public record ScoreRequest(InteractionContext context, List<Candidate> candidates) {

    /** Validates the components; the list is copied and made unmodifiable. */
    public ScoreRequest {
        Objects.requireNonNull(context, "context");
        candidates = List.copyOf(candidates);
    }
}
