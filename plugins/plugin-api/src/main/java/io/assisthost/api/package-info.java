/**
 * The public plugin API of assist-host: four extension points, the value types they exchange and the
 * {@link io.assisthost.api.PluginContext} through which a plugin reaches host services.
 *
 * <h2>Writing a plugin</h2>
 * A plugin is a PF4J plugin jar. Compile against this artifact and {@code org.pf4j:pf4j} with scope
 * {@code provided} (the host supplies both at run time and refuses a jar that bundles its own copy of
 * this package), annotate each implementation with {@link org.pf4j.Extension}, and describe the plugin
 * in its {@code MANIFEST.MF}:
 * <pre>
 * Plugin-Id: my-scorer
 * Plugin-Version: 1.0.0
 * Plugin-Provider: Example Corp
 * Plugin-Requires: &gt;=0.1.0
 * </pre>
 * {@code Plugin-Requires} is checked against the host version; a plugin whose range excludes the running
 * host is reported and not started.
 *
 * <h2>Construction</h2>
 * The host creates one instance of each extension class per plugin start. The class needs a public
 * constructor taking a {@link io.assisthost.api.PluginContext}, or a public no-argument constructor. An
 * optional {@link org.pf4j.Plugin} subclass named by {@code Plugin-Class} may likewise take a
 * {@code PluginContext}.
 *
 * <h2>Threading and failure</h2>
 * Every extension method is called on a host worker thread, never on an event loop, under a time budget
 * (the host setting {@code plugins.callTimeoutMs}, 250 ms by default; {@code plugins.fallbackTimeoutMs},
 * 3000 ms, for fallback strategies). Implementations must be
 * thread-safe: the host calls one instance from many threads at once. A call that throws, returns
 * {@code null} or a value that breaks the method's contract, or overruns its budget counts as a
 * <em>plugin failure</em>: the host continues without that extension's contribution, lists it in the
 * reply's {@code skipped} entries, and after {@code plugins.quarantineAfterFailures} consecutive
 * failures (5 by default) quarantines the plugin for {@code plugins.quarantineMs} (5 minutes by
 * default). A thread that overruns its budget is interrupted.
 *
 * <h2>Ordering</h2>
 * Extensions of one point run in ascending {@link org.pf4j.Extension#ordinal()} order, then by plugin id.
 *
 * <h2>Units</h2>
 * Scores and confidences are doubles in [0, 1]; durations are {@link java.time.Duration}s; instants are
 * UTC {@link java.time.Instant}s from the {@link io.assisthost.api.PluginContext#clock() host clock}.
 */
package io.assisthost.api;
