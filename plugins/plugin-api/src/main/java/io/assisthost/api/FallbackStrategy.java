package io.assisthost.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.pf4j.ExtensionPoint;

/**
 * Produces recommendations from somewhere else when the primary knowledge source gives none: a
 * secondary knowledge base, the last known good result from the cluster cache, a curated static list.
 *
 * <p>The host asks strategies in ascending {@link org.pf4j.Extension#ordinal() ordinal} order and
 * takes the first non-empty answer that still has candidates after scoring and filtering; the rest are
 * not asked. Fresh candidates are scored and filtered like the primary source's; stale candidates that
 * already carry scores (a cached result) are served as they are. A strategy that cannot help for this
 * request (wrong cause, nothing cached) <em>declines</em> with an empty {@code Optional}.
 *
 * <p><b>Threading:</b> called on a host worker thread, never on an event loop, from several threads at
 * once: implementations must be thread-safe. The method should return quickly and finish its work
 * asynchronously, typically by composing on the stages of {@link PluginContext#knowledge()} and
 * {@link PluginContext#cache()}. The returned stage must complete within the fallback time budget
 * ({@code plugins.fallbackTimeoutMs}, 3000 ms by default), counted from the call.
 *
 * <p><b>Failure:</b> if the method throws, returns {@code null}, or its stage completes exceptionally or
 * late, the host treats the strategy as declined, reports it as skipped and counts the failure towards
 * the plugin's quarantine; the next strategy is asked.
 */
public interface FallbackStrategy extends ExtensionPoint {

    /**
     * Offers recommendations for an interaction whose primary source failed or came back empty.
     *
     * @param request what failed and why
     * @return a stage completing with the result, or with an empty {@code Optional} to decline
     */
    CompletionStage<Optional<FallbackResult>> fallback(FallbackRequest request);
}
