package io.assisthost.host.plugins;

/** A plugin jar the host refuses to load; the message says why in terms a plugin author can act on. */
public class PluginRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PluginRejectedException(String message) {
        super(message);
    }

    public PluginRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
