package io.assisthost.host.plugins;

import io.assisthost.api.PluginContext;
import java.util.function.Function;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginWrapper;

/** Creates a plugin's optional {@code Plugin-Class} with its {@link PluginContext} when it takes one. */
final class ContextPluginFactory extends DefaultPluginFactory {

    private final Function<String, PluginContext> contexts;

    ContextPluginFactory(Function<String, PluginContext> contexts) {
        this.contexts = contexts;
    }

    @Override
    protected Plugin createInstance(Class<?> pluginClass, PluginWrapper pluginWrapper) {
        try {
            pluginClass.getConstructor(PluginContext.class);
        } catch (NoSuchMethodException e) {
            return super.createInstance(pluginClass, pluginWrapper);
        }
        PluginContext context = contexts.apply(pluginWrapper.getPluginId());
        return (Plugin) ExtensionInstantiator.create(pluginClass, context);
    }
}
