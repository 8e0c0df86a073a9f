package io.assisthost.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Adds named score components to recommendation candidates.
 *
 * <p>The host calls every started scorer once per recommendation, in ascending
 * {@link org.pf4j.Extension#ordinal() ordinal} order, each with the same candidates as the knowledge
 * source returned them (scorers do not see each other's components). It then combines all components
 * of a candidate, {@code relevance} included, into its {@link Candidate#combinedScore() combined score}
 * as the weighted mean under the weights of the host setting {@code recommend.weights} (a component
 * with no configured weight gets weight 1), and ranks candidates by that score.
 *
 * <p><b>Threading:</b> called synchronously on a host worker thread, never on an event loop, and from
 * several threads at once: implementations must be thread-safe. The call runs under the host's plugin
 * time budget ({@code plugins.callTimeoutMs}, 250 ms by default); on overrun the thread is interrupted.
 *
 * <p><b>Failure:</b> if the method throws, overruns its budget, returns {@code null}, or returns a
 * score for a document that is not in the request, the whole result of this scorer is discarded, the
 * request continues without it and reports it as skipped, and the failure counts towards the plugin's
 * quarantine. A failing scorer never fails the recommendation.
 *
 * <p>The host reads the returned list once, on the calling thread before the time budget ends, and keeps
 * a copy: a scorer may return a view or a buffer it reuses.
 *
 * <p>A scorer that gives every candidate a value may return a {@link ScoreColumn}: one array of values in
 * the request's order, which the host reads without a {@code Score} object per candidate.
 *
 * <p>Example:
 * <pre>{@code
 * @Extension(ordinal = 10)
 * public class FreshnessScorer implements Scorer {
 *     public List<Score> score(ScoreRequest request) {
 *         return request.candidates().stream()
 *                 .map(c -> new Score(c.documentId(), "freshness", c.version() == null ? 0.5 : 1.0))
 *                 .toList();
 *     }
 * }
 * }</pre>
 */
public interface Scorer extends ExtensionPoint {

    /**
     * Scores the candidates of one request.
     *
     * @param request the interaction and its candidates
     * @return the components this scorer assigns: any number per candidate, at most one per
     *     (document, component) pair (a later duplicate wins); an empty list if it has nothing to say
     */
    List<Score> score(ScoreRequest request);
}
