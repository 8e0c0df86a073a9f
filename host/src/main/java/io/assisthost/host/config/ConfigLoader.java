package io.assisthost.host.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the effective configuration from four layers, each overriding the one before:
 * <ol>
 *   <li>the defaults: {@code conf/host.json} as built into the jar;</li>
 *   <li>an operator's file: {@code assist.config} / {@code ASSIST_CONFIG}, else {@code conf/host.json}
 *       under the install directory when it exists;</li>
 *   <li>environment variables: key {@code plugins.callTimeoutMs} is {@code ASSIST_PLUGINS_CALL_TIMEOUT_MS};
 *       the Genesys credentials and region also come from {@code GENESYS_CLIENT_ID},
 *       {@code GENESYS_CLIENT_SECRET} and {@code GENESYS_REGION};</li>
 *   <li>system properties: the same key is {@code assist.plugins.callTimeoutMs}.</li>
 * </ol>
 * Only keys that have a default can be overridden by 3 and 4, and their values are converted to the
 * default's type (lists from comma-separated text). Objects under {@code plugins.config} are free-form
 * and come from files only.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final String DEFAULTS = "/io/assisthost/host/config/host.json";
    /** Objects whose keys are the operator's to choose. */
    private static final java.util.Set<String> FREE_FORM = java.util.Set.of("plugins.config", "recommend.weights", "webhooks.sinks");
    /** Variables the Genesys tooling already uses, honoured after the {@code ASSIST_} names. */
    private static final Map<String, String> ALIASES = Map.of(
            "genesys.clientId", "GENESYS_CLIENT_ID",
            "genesys.clientSecret", "GENESYS_CLIENT_SECRET",
            "genesys.region", "GENESYS_REGION");

    private final Map<String, String> env;
    private final Properties properties;

    public ConfigLoader(Map<String, String> env, Properties properties) {
        this.env = Map.copyOf(env);
        this.properties = (Properties) properties.clone();
    }

    /** The defaults alone, as built into the jar. */
    public static JsonObject defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new ConfigException("the built-in defaults " + DEFAULTS + " are missing from the class path");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("cannot read the built-in defaults", e);
        }
    }

    /** The environment variable that overrides a key: {@code http.port} → {@code ASSIST_HTTP_PORT}. */
    public static String envName(String key) {
        return "ASSIST_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Loads the effective configuration.
     *
     * @param home the install directory, against which relative paths resolve
     */
    public HostConfig load(Path home) {
        JsonObject config = defaults();
        Path file = configFile(home);
        if (file != null) {
            JsonObject fromFile = readFile(file);
            warnUnknownKeys(config, fromFile, "");
            deepMerge(config, fromFile);
        }
        applyOverrides(config, defaults(), "");
        return new HostConfig(config, home);
    }

    private Path configFile(Path home) {
        String explicit = properties.getProperty("assist.config", env.get("ASSIST_CONFIG"));
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("configuration file " + path + " (ASSIST_CONFIG) does not exist");
            }
            return path;
        }
        Path standard = home.resolve("conf").resolve("host.json");
        return Files.isRegularFile(standard) ? standard : null;
    }

    private static JsonObject readFile(Path file) {
        try {
            return new JsonObject(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        } catch (DecodeException | ClassCastException e) {
            throw new ConfigException("configuration file " + file + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private static void warnUnknownKeys(JsonObject known, JsonObject given, String prefix) {
        for (String name : given.fieldNames()) {
            String key = prefix + name;
            Object knownValue = known.getValue(name);
            if (knownValue == null) {
                LOG.warn("Configuration key '{}' is not known to this host version and is ignored", key);
            } else if (knownValue instanceof JsonObject nested && given.getValue(name) instanceof JsonObject inner
                    && !FREE_FORM.contains(key)) {
                warnUnknownKeys(nested, inner, key + ".");
            }
        }
    }

    private static void deepMerge(JsonObject target, JsonObject source) {
        for (String name : source.fieldNames()) {
            Object value = source.getValue(name);
            if (value instanceof JsonObject inner && target.getValue(name) instanceof JsonObject existing) {
                deepMerge(existing, inner);
            } else {
                target.put(name, value);
            }
        }
    }

    private void applyOverrides(JsonObject target, JsonObject defaults, String prefix) {
        for (String name : defaults.fieldNames()) {
            String key = prefix + name;
            Object defaultValue = defaults.getValue(name);
            if (defaultValue instanceof JsonObject nested) {
                if (target.getValue(name) instanceof JsonObject inner) {
                    applyOverrides(inner, nested, key + ".");
                }
                continue;
            }
            String fromEnv = env.get(envName(key));
            if (fromEnv == null && ALIASES.containsKey(key)) {
                fromEnv = env.get(ALIASES.get(key));
            }
            String override = properties.getProperty("assist." + key, fromEnv);
            if (override != null) {
                target.put(name, convert(key, override, defaultValue));
            }
        }
    }

    private static Object convert(String key, String text, Object defaultValue) {
        String value = text.trim();
        try {
            if (defaultValue instanceof Integer || defaultValue instanceof Long) {
                return Long.parseLong(value);
            }
            if (defaultValue instanceof Number) {
                return Double.parseDouble(value);
            }
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " (" + envName(key) + ") must be a number, was '" + text + "'");
        }
        if (defaultValue instanceof Boolean) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ConfigException(key + " (" + envName(key) + ") must be true or false, was '" + text + "'");
            }
            return Boolean.parseBoolean(value);
        }
        if (defaultValue instanceof JsonArray) {
            List<String> items = new ArrayList<>();
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
            return new JsonArray(items);
        }
        return text;
    }
}
