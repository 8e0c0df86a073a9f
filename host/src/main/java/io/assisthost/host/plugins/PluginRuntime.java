package io.assisthost.host.plugins;

import io.assisthost.api.PluginContext;

/**
 * What one start of one plugin owns: its context, its in-flight gate and its health. A stop closes the
 * gate; the next start gets a fresh runtime, which also lifts any quarantine.
 */
record PluginRuntime(String pluginId, PluginContext context, InFlightGate gate, PluginHealth health) {
}
