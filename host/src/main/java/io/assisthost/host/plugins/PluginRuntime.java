package io.assisthost.host.plugins;

import io.assisthost.api.PluginContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one start of one plugin owns: its context, its in-flight gate and its health. A stop closes the
 * gate; the next start gets a fresh runtime, which also lifts any quarantine. {@code overrunning}, how many
 * of the plugin's calls still run on a worker past their budget, is the plugin's across its starts, as such
 * a call keeps its worker until it ends.
 */
record PluginRuntime(String pluginId, PluginContext context, InFlightGate gate, PluginHealth health,
                     AtomicInteger overrunning) {
}
