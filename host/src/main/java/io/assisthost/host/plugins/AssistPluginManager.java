package io.assisthost.host.plugins;

import io.assisthost.api.PluginContext;
import java.nio.file.Path;
import java.util.function.Function;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J configured for assist-host: plugin jars with MANIFEST descriptors only, the plugin API taken
 * from the host, plugin classes created with their {@link PluginContext}, and load errors propagated
 * instead of logged and swallowed. Not thread-safe: only {@link PluginHost} uses it, on its own thread.
 */
final class AssistPluginManager extends DefaultPluginManager {

    private Function<String, PluginContext> contexts;

    AssistPluginManager(Path pluginsDir, String hostVersion, Function<String, PluginContext> contexts) {
        super(pluginsDir);
        this.contexts = contexts;
        setSystemVersion(hostVersion);
    }

    /**
     * Loads one jar and resolves it. Unlike {@code loadPlugin}, failures are thrown.
     *
     * @throws PluginRuntimeException when PF4J cannot load the jar
     */
    PluginWrapper load(Path jar) {
        PluginWrapper wrapper = loadPluginFromPath(jar);
        if (wrapper == null) {
            throw new PluginRuntimeException("PF4J could not load {}", jar);
        }
        resolvePlugins();
        return wrapper;
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder();
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new JarPluginRepository(getPluginsRoots());
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new ApiFirstClassLoader(pluginManager, descriptor, getClass().getClassLoader());
            }
        };
    }

    @Override
    protected PluginFactory createPluginFactory() {
        // Called from the super constructor, before this class's fields are set: resolve lazily.
        return new ContextPluginFactory(pluginId -> contexts.apply(pluginId));
    }
}
