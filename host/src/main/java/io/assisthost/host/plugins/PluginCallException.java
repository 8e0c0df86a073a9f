package io.assisthost.host.plugins;

import io.vertx.core.json.JsonObject;

/**
 * A call into a plugin that produced no usable result. Callers continue without the extension and
 * report the exception's {@link #toJson()} as a {@code skipped} entry.
 */
public final class PluginCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the call produced nothing. The first three count as plugin failures. */
    public enum Reason {
        /** The plugin threw, or its stage completed exceptionally. */
        THREW,
        /** The plugin overran its time budget; its thread was interrupted. */
        TIMED_OUT,
        /** The plugin returned {@code null} or a value its extension point's contract forbids. */
        INVALID_RESULT,
        /** The plugin is quarantined after repeated failures; it was not called. */
        QUARANTINED,
        /** The plugin is stopping or reloading; it was not called. */
        STOPPING,
        /**
         * No plugin worker thread was to be had: the queue was full, the call waited past its budget, or the
         * plugin's calls stuck past their budget already hold as many threads as one plugin may; the plugin
         * was not called.
         */
        SATURATED;

        /** Whether this outcome counts against the plugin's health. */
        public boolean isFailure() {
            return this == THREW || this == TIMED_OUT || this == INVALID_RESULT;
        }
    }

    private final String pluginId;
    private final String extension;
    private final Reason reason;

    PluginCallException(PluginExtension<?> extension, Reason reason, String message) {
        super(extension.label() + ": " + reason + ": " + message, null, false, false);
        this.pluginId = extension.pluginId();
        this.extension = extension.className();
        this.reason = reason;
    }

    public String pluginId() {
        return pluginId;
    }

    public Reason reason() {
        return reason;
    }

    /** The {@code skipped} entry: plugin, extension class, reason and message. */
    public JsonObject toJson() {
        return new JsonObject()
                .put("plugin", pluginId)
                .put("extension", extension)
                .put("reason", reason.name())
                .put("message", getMessage());
    }
}
