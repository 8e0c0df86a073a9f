package io.assisthost.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's settings: a read-only JSON object whose values are {@code String}, {@code Number},
 * {@code Boolean}, {@code List} or {@code Map} (nested objects), as parsed from the host configuration.
 *
 * <p>Typed getters return the default when a key is absent or {@code null}, and throw
 * {@link IllegalArgumentException} naming the key when its value has the wrong type, so that a
 * misconfigured plugin fails at start with a clear message.
 */
public final class PluginConfig {

    private static final PluginConfig EMPTY = new PluginConfig(Map.of());

    private final Map<String, Object> values;

    private PluginConfig(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Wraps a settings map; the map is copied (deeply for nested maps and lists).
     *
     * @param values the settings, or {@code null} for none
     * @return the settings
     */
    public static PluginConfig of(Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return EMPTY;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) deepCopy(values);
        return new PluginConfig(copy);
    }

    /** @return all settings, unmodifiable */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * @param key the setting
     * @return whether the setting is present and not {@code null}
     */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /**
     * @param key the setting
     * @param defaultValue returned when the setting is absent
     * @return the string value
     */
    public String getString(String key, String defaultValue) {
        return get(key, String.class, defaultValue);
    }

    /**
     * @param key the setting
     * @param defaultValue returned when the setting is absent
     * @return the numeric value as a double
     */
    public double getDouble(String key, double defaultValue) {
        return get(key, Number.class, defaultValue).doubleValue();
    }

    /**
     * @param key the setting
     * @param defaultValue returned when the setting is absent
     * @return the numeric value as an int
     * @throws IllegalArgumentException if the value is not a whole number in int range
     */
    public int getInt(String key, int defaultValue) {
        double value = getDouble(key, defaultValue);
        if (value != Math.rint(value) || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("plugin setting '" + key + "' must be a whole number, was " + value);
        }
        return (int) value;
    }

    /**
     * @param key the setting
     * @param defaultValue returned when the setting is absent
     * @return the boolean value
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key, Boolean.class, defaultValue);
    }

    /**
     * @param key the setting
     * @return the list of strings, empty when absent
     * @throws IllegalArgumentException if the value is not a list of strings
     */
    public List<String> getStrings(String key) {
        List<?> list = get(key, List.class, List.of());
        for (Object item : list) {
            if (!(item instanceof String)) {
                throw new IllegalArgumentException("plugin setting '" + key + "' must be a list of strings");
            }
        }
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) list;
        return strings;
    }

    /**
     * @param key the setting
     * @return the nested object, empty when absent
     */
    public PluginConfig getObject(String key) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = get(key, Map.class, Map.of());
        return map.isEmpty() ? EMPTY : new PluginConfig(map);
    }

    private <T> T get(String key, Class<T> type, T defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("plugin setting '" + key + "' must be a "
                    + type.getSimpleName().toLowerCase() + ", was " + value.getClass().getSimpleName().toLowerCase());
        }
        return type.cast(value);
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
