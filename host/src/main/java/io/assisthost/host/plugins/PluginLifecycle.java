package io.assisthost.host.plugins;

import io.assisthost.api.PluginContext;
import io.assisthost.api.WebhookSink;
import io.assisthost.host.config.PluginOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.pf4j.Extension;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that change plugins: load a jar, start it and create its extensions, drain and stop it,
 * unload it. Each step turns every failure into a {@link PluginEntry} with state {@code FAILED} and a
 * message, so a bad jar never stops the host. Blocking and single-threaded: only
 * {@link PluginHost}'s own thread calls it.
 */
final class PluginLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLifecycle.class);

    private final PluginOptions options;
    private final PluginServices services;
    private final Clock clock;
    private final PluginJarInspector inspector;
    private final Map<String, PluginContext> contexts = new ConcurrentHashMap<>();
    // A call stuck past interruption keeps its worker through a stop, an unload and a reload: it counts against
    // its plugin's share of the pool in every later start.
    private final Map<String, AtomicInteger> overrunning = new ConcurrentHashMap<>();
    private final AssistPluginManager manager;

    PluginLifecycle(PluginOptions options, String hostVersion, PluginServices services) {
        this.options = options;
        this.services = services;
        this.clock = services.clock();
        this.inspector = new PluginJarInspector(hostVersion);
        this.manager = new AssistPluginManager(options.dir(), hostVersion, contexts::get);
    }

    /** Checks a jar without loading it. */
    PluginJarInspector.Descriptor inspect(Path jar) {
        return inspector.inspect(jar);
    }

    /** Loads one jar; the entry is {@code STOPPED} (loaded), {@code DISABLED} or {@code FAILED}. */
    PluginEntry load(Path jar) {
        String key = jar.getFileName().toString();
        String version = null;
        try {
            PluginJarInspector.Descriptor descriptor = inspector.inspect(jar);
            version = descriptor.version();
            PluginWrapper existing = manager.getPlugin(descriptor.id());
            if (existing != null) {
                throw new PluginRejectedException("plugin id " + descriptor.id() + " is already loaded from "
                        + existing.getPluginPath().getFileName());
            }
            key = descriptor.id();
            PluginWrapper wrapper = manager.load(jar);
            PluginDescriptor loaded = wrapper.getDescriptor();
            String state = wrapper.getPluginState() == PluginState.DISABLED ? PluginEntry.DISABLED : PluginEntry.STOPPED;
            return new PluginEntry(loaded.getPluginId(), jar, loaded.getVersion(), loaded.getProvider(),
                    loaded.getPluginDescription(), loaded.getRequires(), state, null, List.of(), null, clock.instant());
        } catch (PluginRejectedException e) {
            String id = e.pluginId() != null ? e.pluginId() : key;
            LOG.error("Plugin jar {} not loaded: {}", jar.getFileName(), e.getMessage());
            return PluginEntry.failed(id, jar, version, e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            LOG.error("Plugin jar {} not loaded: {}", jar.getFileName(), e.getMessage());
            return PluginEntry.failed(key, jar, version, e.getMessage(), clock.instant());
        }
    }

    /** Starts a loaded plugin with a fresh runtime and creates its extensions. */
    PluginEntry start(PluginEntry entry) {
        String id = entry.key();
        PluginRuntime runtime = new PluginRuntime(id, services.contextFor(id), new InFlightGate(),
                new PluginHealth(clock, options.quarantineAfterFailures(), options.quarantine()),
                overrunning.computeIfAbsent(id, key -> new AtomicInteger()));
        contexts.put(id, runtime.context());
        try {
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                Throwable cause = manager.getPlugin(id).getFailedException();
                throw new PluginRejectedException("did not start (" + state + ")"
                        + (cause == null ? "" : ": " + cause.getMessage()), cause);
            }
            List<PluginExtension<?>> extensions = instantiate(id, runtime);
            if (extensions.isEmpty()) {
                LOG.warn("Plugin {} started but contributes no extensions: is META-INF/extensions.idx missing "
                        + "(the PF4J annotation processor did not run)?", id);
            }
            LOG.info("Plugin {} {} started with {} extension(s)", id, entry.version(), extensions.size());
            return entry.withState(PluginEntry.STARTED, null, extensions, runtime, clock.instant());
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Plugin {} failed to start: {}", id, e.getMessage());
            stopQuietly(id);
            return entry.withState(PluginEntry.FAILED, e.getMessage(), List.of(), runtime, clock.instant());
        }
    }

    /** Waits for the plugin's calls in flight (up to the drain timeout), then stops it. */
    PluginEntry stop(PluginEntry entry) {
        if (entry.runtime() != null) {
            drain(entry.key(), entry.runtime());
        }
        stopQuietly(entry.key());
        LOG.info("Plugin {} stopped", entry.key());
        return entry.withState(PluginEntry.STOPPED, null, List.of(), entry.runtime(), clock.instant());
    }

    /** Forgets a plugin, closing its class loader. */
    void unload(String id) {
        if (manager.getPlugin(id) != null) {
            manager.unloadPlugin(id);
        }
        contexts.remove(id);
    }

    /** Whether PF4J holds a plugin with this id. */
    boolean isLoaded(String id) {
        return manager.getPlugin(id) != null;
    }

    /** Stops and unloads everything. */
    void close(List<PluginEntry> entries) {
        entries.stream().filter(PluginEntry::started).forEach(this::stop);
        manager.unloadPlugins();
    }

    private List<PluginExtension<?>> instantiate(String id, PluginRuntime runtime) {
        List<PluginExtension<?>> extensions = new ArrayList<>();
        for (Class<?> point : ExtensionRegistry.POINTS) {
            addExtensions(id, point, runtime, extensions);
        }
        return extensions;
    }

    private <T> void addExtensions(String id, Class<T> point, PluginRuntime runtime, List<PluginExtension<?>> into) {
        for (Class<? extends T> type : manager.getExtensionClasses(point, id)) {
            T instance = ExtensionInstantiator.create(type, runtime.context());
            if (instance instanceof WebhookSink sink) {
                requireSinkType(type, sink);
            }
            Extension annotation = type.getAnnotation(Extension.class);
            int ordinal = annotation == null ? 0 : annotation.ordinal();
            into.add(new PluginExtension<>(id, point, instance, ordinal, runtime));
        }
    }

    private static void requireSinkType(Class<?> type, WebhookSink sink) {
        String sinkType = sink.type();
        if (sinkType == null || !sinkType.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw new PluginRejectedException(type.getName() + ".type() must return a lower-case name, returned "
                    + Objects.toString(sinkType));
        }
    }

    private void drain(String id, PluginRuntime runtime) {
        try {
            runtime.gate().close().get(options.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Plugin {} still has {} call(s) in flight after {} ms; stopping anyway", id,
                    runtime.gate().inFlight(), options.drainTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("Draining plugin {} failed: {}", id, e.getMessage());
        }
    }

    private void stopQuietly(String id) {
        try {
            if (manager.getPlugin(id) != null && manager.getPlugin(id).getPluginState() == PluginState.STARTED) {
                manager.stopPlugin(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Plugin {} failed while stopping: {}", id, e.getMessage());
        }
    }
}
