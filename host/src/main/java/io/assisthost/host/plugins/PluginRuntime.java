package io.assisthost.host.plugins;

import io.assisthost.api.PluginContext;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one start of one plugin owns: its context, its in-flight gate, its health, and how many of its
 * calls still run on a worker past their budget. A stop closes the gate; the next start gets a fresh
 * runtime, which also lifts any quarantine.
 */
record PluginRuntime(String pluginId, PluginContext context, InFlightGate gate, PluginHealth health,
                     AtomicInteger overrunning) {

    PluginRuntime(String pluginId, PluginContext context, InFlightGate gate, PluginHealth health) {
        this(pluginId, context, gate, health, new AtomicInteger());
    }
}
