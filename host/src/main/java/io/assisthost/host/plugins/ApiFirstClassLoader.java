package io.assisthost.host.plugins;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin class loader that takes the plugin API from the host, like PF4J's own classes, so that a
 * plugin's extensions implement the very interfaces the host calls.
 */
final class ApiFirstClassLoader extends PluginClassLoader {

    private static final String API_PACKAGE = "io.assisthost.api.";

    ApiFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return className.startsWith(API_PACKAGE) || super.shouldDelegateToParent(className);
    }
}
