package io.assisthost.host.actions.content;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Why a card's required browser feature cannot be relied on: a supported browser lacks it, or the
 * browser matrix does not know it at all.
 */
public sealed interface FeatureGap permits FeatureGap.Missing, FeatureGap.Unknown {

    /** The required feature, as the action names it. */
    String feature();

    /** One sentence naming the feature and, where there is one, the browser that lacks it. */
    String message();

    /** The gap for an API response. */
    JsonObject toJson();

    /**
     * A browser the desktop supports lacks the feature at its minimum version.
     *
     * @param feature    the feature
     * @param browser    the browser's name, e.g. {@code safari}
     * @param minVersion the oldest version supported, which is the one that lacks the feature
     */
    record Missing(String feature, String browser, String minVersion) implements FeatureGap {

        public Missing {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(browser, "browser");
            Objects.requireNonNull(minVersion, "minVersion");
        }

        @Override
        public String message() {
            return browser + " " + minVersion + " lacks " + feature;
        }

        @Override
        public JsonObject toJson() {
            return new JsonObject().put("feature", feature).put("browser", browser).put("minVersion", minVersion)
                    .put("message", message());
        }
    }

    /**
     * The browser matrix does not know the feature, so no browser can be said to support it.
     *
     * @param feature the feature
     */
    record Unknown(String feature) implements FeatureGap {

        public Unknown {
            Objects.requireNonNull(feature, "feature");
        }

        @Override
        public String message() {
            return feature + " is not a feature the browser matrix knows";
        }

        @Override
        public JsonObject toJson() {
            return new JsonObject().put("feature", feature).put("unknown", true).put("message", message());
        }
    }
}
