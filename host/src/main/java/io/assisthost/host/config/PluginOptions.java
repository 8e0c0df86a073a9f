package io.assisthost.host.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code plugins} section: where plugins live and how their calls are isolated. */
public final class PluginOptions {

    private final Path dir;
    private final Duration callTimeout;
    private final Duration fallbackTimeout;
    private final int workerPoolSize;
    private final int quarantineAfterFailures;
    private final Duration quarantine;
    private final Duration drainTimeout;
    private final long maxUploadBytes;
    private final JsonObject config;

    PluginOptions(JsonObject section, Path home) {
        JsonObject root = new JsonObject().put("plugins", section);
        this.dir = home.resolve(HostConfig.requireString(root, "plugins.dir")).normalize();
        this.callTimeout = HostConfig.millis(root, "plugins.callTimeoutMs");
        this.fallbackTimeout = HostConfig.millis(root, "plugins.fallbackTimeoutMs");
        this.workerPoolSize = (int) atLeastOne(root, "plugins.workerPoolSize");
        this.quarantineAfterFailures = (int) atLeastOne(root, "plugins.quarantineAfterFailures");
        this.quarantine = HostConfig.millis(root, "plugins.quarantineMs");
        this.drainTimeout = HostConfig.millis(root, "plugins.drainTimeoutMs");
        this.maxUploadBytes = atLeastOne(root, "plugins.maxUploadBytes");
        Object perPlugin = HostConfig.lookup(root, "plugins.config");
        if (!(perPlugin instanceof JsonObject object)) {
            throw new ConfigException("plugins.config must be an object of plugin id → settings");
        }
        this.config = object.copy();
    }

    /** The folder plugin jars are loaded from. */
    public Path dir() {
        return dir;
    }

    /** The time budget of one plugin call. */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** The time budget of one fallback strategy, which usually calls a remote knowledge base. */
    public Duration fallbackTimeout() {
        return fallbackTimeout;
    }

    /** Threads of the {@code assist-plugin} pool that runs plugin code. */
    public int workerPoolSize() {
        return workerPoolSize;
    }

    /** Consecutive failures after which a plugin is quarantined. */
    public int quarantineAfterFailures() {
        return quarantineAfterFailures;
    }

    /** How long a quarantine lasts before the plugin gets another chance. */
    public Duration quarantine() {
        return quarantine;
    }

    /** How long a stop or reload waits for in-flight calls to finish. */
    public Duration drainTimeout() {
        return drainTimeout;
    }

    /** The largest plugin jar an upload may send. */
    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    /** The settings object of one plugin, empty if none is configured. */
    public JsonObject configOf(String pluginId) {
        JsonObject settings = config.getJsonObject(pluginId);
        return settings == null ? new JsonObject() : settings.copy();
    }

    private static long atLeastOne(JsonObject root, String key) {
        long value = HostConfig.requireLong(root, key);
        if (value < 1) {
            throw new ConfigException(key + " (" + ConfigLoader.envName(key) + ") must be at least 1, was " + value);
        }
        return value;
    }
}
