package io.assisthost.host.plugins;

import java.util.Comparator;

/**
 * One extension instance of a started plugin, as the registry hands it out.
 *
 * @param pluginId  the plugin it belongs to
 * @param point     the extension point it implements
 * @param instance  the extension
 * @param ordinal   its {@code @Extension(ordinal)}
 * @param runtime   the plugin start it belongs to
 * @param <T>       the extension point type
 */
public record PluginExtension<T>(String pluginId, Class<T> point, T instance, int ordinal, PluginRuntime runtime) {

    /** Ascending ordinal, then plugin id, then class name: the order of calls. */
    static final Comparator<PluginExtension<?>> ORDER = Comparator
            .<PluginExtension<?>>comparingInt(PluginExtension::ordinal)
            .thenComparing(PluginExtension::pluginId)
            .thenComparing(PluginExtension::className);

    /** The extension's class name. */
    public String className() {
        return instance.getClass().getName();
    }

    /** A short label for logs and {@code skipped} entries: {@code plugin-id/SimpleClassName}. */
    public String label() {
        return pluginId + "/" + instance.getClass().getSimpleName();
    }
}
