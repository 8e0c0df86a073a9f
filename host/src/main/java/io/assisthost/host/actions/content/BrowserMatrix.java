package io.assisthost.host.actions.content;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The browsers the agent desktop supports, each at its oldest supported version with the features it
 * has there, and the catalogue of feature names cards may require ({@code conf/browsers.json}).
 * Checking at the minimum version is enough because features are not removed in later versions.
 *
 * <p>Immutable and thread-safe.
 */
public final class BrowserMatrix {

    /**
     * One supported browser.
     *
     * @param name       lower-case name, e.g. {@code firefox}
     * @param minVersion the oldest version the desktop supports, as written in the file, e.g. {@code 15.4}
     * @param features   the features it supports at that version, all from the catalogue
     */
    public record Browser(String name, String minVersion, Set<String> features) {

        public Browser {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(minVersion, "minVersion");
            features = Set.copyOf(features);
        }
    }

    private final Map<String, String> features;
    private final List<Browser> browsers;

    private BrowserMatrix(Map<String, String> features, List<Browser> browsers) {
        this.features = features;
        this.browsers = browsers;
    }

    /**
     * Reads the matrix from its JSON form: {@code features}, an object of feature name to description,
     * and {@code browsers}, an array of {@code {name, minVersion, features}}.
     *
     * @throws IllegalArgumentException naming the offending entry when the JSON is not a valid matrix
     */
    public static BrowserMatrix read(JsonObject json) {
        JsonObject catalogue = json.getJsonObject("features");
        JsonArray list = json.getJsonArray("browsers");
        if (catalogue == null || catalogue.isEmpty() || list == null || list.isEmpty()) {
            throw new IllegalArgumentException("a browser matrix needs a non-empty 'features' object and 'browsers' array");
        }
        Map<String, String> features = new LinkedHashMap<>();
        catalogue.forEach(entry -> features.put(normalise(entry.getKey()), String.valueOf(entry.getValue())));
        List<Browser> browsers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Browser browser = browser("browsers[" + i + "]", list.getValue(i), features.keySet());
            if (browsers.stream().anyMatch(known -> known.name().equals(browser.name()))) {
                throw new IllegalArgumentException("browsers[" + i + "]: " + browser.name() + " is listed twice");
            }
            browsers.add(browser);
        }
        return new BrowserMatrix(Collections.unmodifiableMap(features), List.copyOf(browsers));
    }

    /** Reads the matrix from a file; blocking, meant for startup and tests. */
    public static BrowserMatrix load(Path file) throws IOException {
        try {
            return read(new JsonObject(Files.readString(file)));
        } catch (DecodeException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The supported browsers, in file order. */
    public List<Browser> browsers() {
        return browsers;
    }

    /** The names of every feature the matrix knows, in file order, whether or not any browser supports it yet. */
    public Set<String> features() {
        return features.keySet();
    }

    /**
     * The gaps between the features a card requires and the supported browsers: for each required
     * feature in order, an {@link FeatureGap.Unknown} if the matrix does not know it, else one
     * {@link FeatureGap.Missing} per browser (in file order) that lacks it. Names are compared
     * ignoring case and surrounding blanks; repeats are checked once.
     *
     * @return the gaps; empty when every supported browser has every required feature
     */
    public List<FeatureGap> check(List<String> requiredFeatures) {
        Set<String> required = new LinkedHashSet<>();
        requiredFeatures.forEach(feature -> required.add(normalise(feature)));
        List<FeatureGap> gaps = new ArrayList<>();
        for (String feature : required) {
            if (!features.containsKey(feature)) {
                gaps.add(new FeatureGap.Unknown(feature));
                continue;
            }
            browsers.stream()
                    .filter(browser -> !browser.features().contains(feature))
                    .forEach(browser -> gaps.add(new FeatureGap.Missing(feature, browser.name(), browser.minVersion())));
        }
        return gaps;
    }

    /** The matrix for an API view: the feature catalogue and each browser with its sorted features. */
    public JsonObject toJson() {
        JsonObject catalogue = new JsonObject();
        features.keySet().stream().sorted().forEach(name -> catalogue.put(name, features.get(name)));
        JsonArray list = new JsonArray();
        browsers.forEach(browser -> list.add(new JsonObject()
                .put("name", browser.name())
                .put("minVersion", browser.minVersion())
                .put("features", new JsonArray(browser.features().stream().sorted().toList()))));
        return new JsonObject().put("features", catalogue).put("browsers", list);
    }

    private static Browser browser(String where, Object value, Set<String> catalogue) {
        if (!(value instanceof JsonObject entry)) {
            throw new IllegalArgumentException(where + ": must be an object");
        }
        String name = entry.getValue("name") instanceof String text && !text.isBlank() ? normalise(text) : null;
        Object version = entry.getValue("minVersion");
        String minVersion = version instanceof String text && !text.isBlank() ? text.strip()
                : version instanceof Integer || version instanceof Long ? version.toString() : null;
        if (name == null || minVersion == null || !(entry.getValue("features") instanceof JsonArray supported)) {
            throw new IllegalArgumentException(where + ": needs a name, a minVersion and a features array");
        }
        Set<String> features = new LinkedHashSet<>();
        for (Object feature : supported) {
            String known = feature instanceof String text ? normalise(text) : null;
            if (known == null || !catalogue.contains(known)) {
                throw new IllegalArgumentException(where + " (" + name + "): feature " + feature + " is not in 'features'");
            }
            features.add(known);
        }
        return new Browser(name, minVersion, features);
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
