package io.assisthost.host.plugins;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What the plugin host knows of one jar in the plugins folder: its descriptor, lifecycle state, the
 * extensions it contributes and, once started, its runtime. Immutable; the plugin host replaces
 * entries as states change.
 *
 * @param key        the plugin id, or the file name when the jar has no readable id
 * @param file       the jar
 * @param version    {@code Plugin-Version}, or {@code null} if unknown
 * @param provider   {@code Plugin-Provider}, or {@code null}
 * @param description {@code Plugin-Description}, or {@code null}
 * @param requires   {@code Plugin-Requires}, or {@code null}
 * @param state      {@code STARTED}, {@code STOPPED}, {@code DISABLED} or {@code FAILED}
 * @param error      why the plugin failed to load or start, or {@code null}
 * @param extensions the extensions it contributes while started
 * @param runtime    the runtime of its current or last start, or {@code null} if never started
 * @param changedAt  when the state last changed
 */
record PluginEntry(
        String key,
        Path file,
        String version,
        String provider,
        String description,
        String requires,
        String state,
        String error,
        List<PluginExtension<?>> extensions,
        PluginRuntime runtime,
        Instant changedAt) {

    static final String STARTED = "STARTED";
    static final String STOPPED = "STOPPED";
    static final String DISABLED = "DISABLED";
    static final String FAILED = "FAILED";

    PluginEntry {
        extensions = List.copyOf(extensions);
    }

    static PluginEntry failed(String key, Path file, String version, String error, Instant now) {
        return new PluginEntry(key, file, version, null, null, null, FAILED, error, List.of(), null, now);
    }

    PluginEntry withState(String newState, String newError, List<PluginExtension<?>> newExtensions,
                          PluginRuntime newRuntime, Instant now) {
        return new PluginEntry(key, file, version, provider, description, requires, newState, newError,
                newExtensions, newRuntime, now);
    }

    boolean started() {
        return STARTED.equals(state);
    }

    /** The entry as {@code GET /api/v1/plugins} shows it, with live failure and quarantine figures. */
    JsonObject toJson() {
        JsonArray extensionList = new JsonArray();
        for (PluginExtension<?> extension : extensions) {
            extensionList.add(new JsonObject()
                    .put("point", extension.point().getSimpleName())
                    .put("className", extension.className())
                    .put("ordinal", extension.ordinal()));
        }
        JsonObject json = new JsonObject()
                .put("id", key)
                .put("version", version)
                .put("provider", provider)
                .put("description", description)
                .put("requires", requires)
                .put("file", file.getFileName().toString())
                .put("state", state)
                .put("error", error)
                .put("changedAt", changedAt.toString())
                .put("extensions", extensionList);
        if (runtime != null) {
            json.put("inFlight", runtime.gate().inFlight())
                    .put("failures", runtime.health().failuresJson())
                    .put("quarantine", runtime.health().quarantineJson());
        } else {
            json.put("inFlight", 0).put("failures", null).put("quarantine", null);
        }
        return json;
    }
}
