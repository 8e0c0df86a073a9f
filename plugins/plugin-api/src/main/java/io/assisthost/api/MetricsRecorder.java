package io.assisthost.api;

import java.time.Duration;

/**
 * Records a plugin's own metrics. They are exported on the host's {@code /metrics} as
 * {@code assist_plugin_<name>} with a {@code plugin} label holding the plugin id.
 *
 * <p>Names are lower case letters, digits and {@code _}, starting with a letter; an invalid name throws
 * {@link IllegalArgumentException}. Recording never blocks and is thread-safe.
 */
public interface MetricsRecorder {

    /**
     * Adds one to a counter.
     *
     * @param name the counter name
     */
    default void increment(String name) {
        increment(name, 1.0);
    }

    /**
     * Adds an amount to a counter.
     *
     * @param name   the counter name
     * @param amount the non-negative amount
     */
    void increment(String name, double amount);

    /**
     * Records one duration in a timer (count, total and percentiles).
     *
     * @param name     the timer name
     * @param duration the non-negative duration
     */
    void recordTime(String name, Duration duration);
}
