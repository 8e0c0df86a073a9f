package io.assisthost.host.plugins;

import io.assisthost.host.HostFailure;
import io.assisthost.host.config.PluginOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the plugins: loads the plugins folder at start, and stops, starts, reloads and
 * installs plugins at run time. Every change runs on the single {@code assist-plugin-host} thread, one
 * at a time; after each, a new immutable {@link ExtensionRegistry} and plugin list are published
 * atomically, so readers on any thread see a consistent view without locks.
 */
public final class PluginHost {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Vertx vertx;
    private final PluginOptions options;
    private final PluginLifecycle lifecycle;
    private final ExecutorService owner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "assist-plugin-host");
        thread.setDaemon(true);
        return thread;
    });
    /** Only touched on the owner thread. */
    private final Map<String, PluginEntry> entries = new LinkedHashMap<>();
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(ExtensionRegistry.EMPTY, List.of(), false));

    private record Snapshot(ExtensionRegistry registry, List<PluginEntry> entries, boolean loaded) {
    }

    public PluginHost(Vertx vertx, PluginOptions options, String hostVersion, PluginServices services) {
        this.vertx = vertx;
        this.options = options;
        this.lifecycle = new PluginLifecycle(options, hostVersion, services);
    }

    /** The extensions of all started plugins. Never blocks. */
    public ExtensionRegistry registry() {
        return snapshot.get().registry();
    }

    /** Whether the plugins folder has been loaded (whatever became of each jar). */
    public boolean loaded() {
        return snapshot.get().loaded();
    }

    /** Every plugin jar the host knows, as {@code GET /api/v1/plugins} lists them. Never blocks. */
    public List<JsonObject> describe() {
        return snapshot.get().entries().stream().map(PluginEntry::toJson).toList();
    }

    /** Loads and starts every jar in the plugins folder. A bad jar is reported, never fatal. */
    public Future<Void> start() {
        return onOwner(() -> {
            for (Path jar : jarsIn(options.dir())) {
                PluginEntry entry = lifecycle.load(jar);
                entries.put(entry.key(), entry);
            }
            for (PluginEntry entry : List.copyOf(entries.values())) {
                if (PluginEntry.STOPPED.equals(entry.state())) {
                    entries.put(entry.key(), lifecycle.start(entry));
                }
            }
            publish(true);
            LOG.info("Plugins folder {}: {} started, {} not", options.dir(),
                    entries.values().stream().filter(PluginEntry::started).count(),
                    entries.values().stream().filter(e -> !e.started()).count());
            return null;
        });
    }

    /** Starts a stopped plugin; lifts its quarantine. */
    public Future<JsonObject> startPlugin(String id) {
        return onOwner(() -> {
            PluginEntry entry = require(id);
            if (entry.started()) {
                throw HostFailure.conflict("plugin " + id + " is already started; reload it to restart it");
            }
            if (!lifecycle.isLoaded(id)) {
                throw HostFailure.conflict("plugin " + id + " is not loaded (" + entry.error() + "); replace the jar and reload it");
            }
            return change(lifecycle.start(entry));
        });
    }

    /** Stops a started plugin after its calls in flight have finished. */
    public Future<JsonObject> stopPlugin(String id) {
        return onOwner(() -> {
            PluginEntry entry = require(id);
            if (!entry.started()) {
                throw HostFailure.conflict("plugin " + id + " is not started (" + entry.state() + ")");
            }
            withdraw(id);
            return change(lifecycle.stop(entry));
        });
    }

    /** Stops, unloads and loads the plugin's jar again, then starts it. */
    public Future<JsonObject> reloadPlugin(String id) {
        return onOwner(() -> change(replace(require(id), require(id).file())));
    }

    /**
     * Installs an uploaded plugin jar, replacing an installed plugin with the same id.
     *
     * @return {@code created} (whether the id is new) and the plugin's {@code plugin} entry
     */
    public Future<JsonObject> install(Buffer jar) {
        return onOwner(() -> {
            Path upload = writeUpload(jar);
            PluginJarInspector.Descriptor descriptor;
            try {
                descriptor = lifecycle.inspect(upload);
            } catch (PluginRejectedException e) {
                deleteQuietly(upload);
                throw HostFailure.invalid("plugin jar rejected: " + e.getMessage());
            }
            Path target = options.dir().resolve(descriptor.id() + "-" + descriptor.version() + ".jar").normalize();
            if (!options.dir().equals(target.getParent())) {
                deleteQuietly(upload);
                throw HostFailure.invalid("plugin jar rejected: id " + descriptor.id() + " and version "
                        + descriptor.version() + " do not make a file name inside the plugins folder");
            }
            PluginEntry existing = entries.get(descriptor.id());
            JsonObject plugin = existing == null
                    ? change(install(upload, target))
                    : change(replace(existing, move(upload, target)));
            return new JsonObject().put("created", existing == null).put("plugin", plugin);
        });
    }

    /** Stops every plugin (draining calls in flight) and releases the owner thread. */
    public Future<Void> close() {
        return this.<Void>onOwner(() -> {
            List<PluginEntry> all = List.copyOf(entries.values());
            snapshot.set(new Snapshot(ExtensionRegistry.EMPTY, snapshot.get().entries(), true));
            lifecycle.close(all);
            return null;
        }).eventually(() -> {
            owner.shutdown();
            return Future.succeededFuture();
        });
    }

    private PluginEntry install(Path upload, Path target) {
        PluginEntry loaded = lifecycle.load(move(upload, target));
        return PluginEntry.STOPPED.equals(loaded.state()) ? lifecycle.start(loaded) : loaded;
    }

    private PluginEntry replace(PluginEntry entry, Path jar) {
        if (entry.started()) {
            withdraw(entry.key());
            lifecycle.stop(entry);
        }
        lifecycle.unload(entry.key());
        entries.remove(entry.key());
        if (!entry.file().equals(jar)) {
            deleteQuietly(entry.file());
        }
        PluginEntry loaded = lifecycle.load(jar);
        return PluginEntry.STOPPED.equals(loaded.state()) ? lifecycle.start(loaded) : loaded;
    }

    private JsonObject change(PluginEntry entry) {
        entries.put(entry.key(), entry);
        publish(true);
        return entry.toJson();
    }

    /** Takes a plugin's extensions out of the registry first, so that no new call reaches it. */
    private void withdraw(String id) {
        Snapshot current = snapshot.get();
        snapshot.set(new Snapshot(current.registry().without(id), current.entries(), current.loaded()));
    }

    private void publish(boolean loaded) {
        List<PluginExtension<?>> extensions = new ArrayList<>();
        entries.values().stream().filter(PluginEntry::started).forEach(e -> extensions.addAll(e.extensions()));
        snapshot.set(new Snapshot(new ExtensionRegistry(extensions), List.copyOf(entries.values()), loaded));
    }

    private PluginEntry require(String id) {
        PluginEntry entry = entries.get(id);
        if (entry == null) {
            throw HostFailure.notFound("no plugin with id " + id);
        }
        return entry;
    }

    private Path writeUpload(Buffer jar) {
        try {
            Files.createDirectories(options.dir());
            Path upload = Files.createTempFile(options.dir(), ".upload-", ".part");
            Files.write(upload, jar.getBytes());
            return upload;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the upload into " + options.dir(), e);
        }
    }

    private static Path move(Path from, Path to) {
        try {
            return Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + to, e);
        }
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            LOG.warn("Plugins folder {} does not exist; starting without plugins", dir);
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            stream.forEach(path -> {
                if (Files.isRegularFile(path)) {
                    jars.add(path);
                }
            });
        }
        jars.sort(null);
        return jars;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", file, e.getMessage());
        }
    }

    private <T> Future<T> onOwner(ThrowingSupplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            owner.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return Future.failedFuture(new HostFailure(HostFailure.Code.UNAVAILABLE, "the plugin host is closed"));
        }
        return Future.fromCompletionStage(result, vertx.getOrCreateContext());
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
