package io.assisthost.api;

import java.time.Clock;

/**
 * Host services available to a plugin. The host passes one context per plugin to the constructors of
 * its extensions (and of its {@link org.pf4j.Plugin} class, if it has one).
 *
 * <p>All methods are thread-safe and return the same objects for the lifetime of a plugin start; a
 * reload creates a new context.
 */
public interface PluginContext {

    /**
     * The plugin's id, from its {@code Plugin-Id} manifest entry.
     *
     * @return the plugin id
     */
    String pluginId();

    /**
     * The plugin's settings: the object under {@code plugins.config.<pluginId>} in the host
     * configuration, empty if there is none.
     *
     * @return the settings
     */
    PluginConfig config();

    /**
     * Sends HTTP requests without blocking, through the host's connection pools and outbound policy.
     *
     * @return the HTTP sender
     */
    HttpSender http();

    /**
     * The host clock. Use it for every time-based decision so that the host (and its tests) control
     * time.
     *
     * @return the clock, in UTC
     */
    Clock clock();

    /**
     * Records the plugin's own metrics; they appear on the host's {@code /metrics} and in the console.
     *
     * @return the metrics recorder
     */
    MetricsRecorder metrics();

    /**
     * A logger named after the plugin, routed into the host's logs.
     *
     * @return the logger
     */
    System.Logger logger();

    /**
     * Searches Genesys knowledge bases through the host's client, breakers and token, for strategies
     * that need other content than the primary source's.
     *
     * @return the knowledge search
     */
    KnowledgeSearch knowledge();

    /**
     * Reads the cluster-wide cache of recent recommendation results.
     *
     * @return the recommendation cache
     */
    RecommendationCache cache();
}
