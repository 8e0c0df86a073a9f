package io.assisthost.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * Keeps or drops scored recommendation candidates, with a reason for every drop.
 *
 * <p>The host runs filters after all {@link Scorer}s, one after the other in ascending
 * {@link org.pf4j.Extension#ordinal() ordinal} order; each filter sees only the candidates the filters
 * before it kept, ranked by descending combined score. A filter cannot reorder or change candidates.
 * Candidates a filter does not mention are kept. Drop reasons appear in the audit log and the console.
 *
 * <p><b>Threading:</b> called synchronously on a host worker thread, never on an event loop, and from
 * several threads at once: implementations must be thread-safe. The call runs under the host's plugin
 * time budget ({@code plugins.callTimeoutMs}, 250 ms by default); on overrun the thread is interrupted.
 *
 * <p>The host reads the returned list once, on the calling thread before the time budget ends, and keeps
 * a copy: a filter may return a view or a buffer it reuses.
 *
 * <p><b>Failure:</b> if the method throws, overruns its budget, returns {@code null}, or names a document
 * that is not in the request, all its decisions are discarded (every candidate is kept), the request
 * continues and reports the filter as skipped, and the failure counts towards the plugin's quarantine.
 */
public interface RecommendationFilter extends ExtensionPoint {

    /**
     * Decides which candidates of one request stay.
     *
     * @param request the interaction and its ranked candidates
     * @return decisions for any subset of the candidates, at most one per document; an empty list keeps
     *     everything
     */
    List<FilterDecision> filter(FilterRequest request);
}
