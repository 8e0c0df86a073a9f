package io.assisthost.host.plugins;

/** A plugin jar the host refuses to load; the message says why in terms a plugin author can act on. */
public class PluginRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pluginId;

    public PluginRejectedException(String message) {
        this(null, message, null);
    }

    public PluginRejectedException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** A rejection of a jar whose descriptor named {@code pluginId}. */
    public PluginRejectedException(String pluginId, String message, Throwable cause) {
        super(message, cause);
        this.pluginId = pluginId;
    }

    /** The plugin id the jar declared, or {@code null} if it could not be read. */
    public String pluginId() {
        return pluginId;
    }
}
