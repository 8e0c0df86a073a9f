package io.assisthost.host.plugins;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Failure bookkeeping of one plugin start: counts calls and failures, and quarantines the plugin after
 * a run of consecutive failures. A quarantine ends by itself after its duration (the next call is a
 * fresh chance) or when an operator starts or reloads the plugin. Thread-safe.
 */
final class PluginHealth {

    private final Clock clock;
    private final int threshold;
    private final Duration quarantineLength;

    private long calls;
    private long failures;
    private long timeouts;
    private int consecutive;
    private String lastError;
    private Instant lastFailureAt;
    private Instant quarantinedUntil;
    private long quarantines;

    PluginHealth(Clock clock, int threshold, Duration quarantineLength) {
        this.clock = clock;
        this.threshold = threshold;
        this.quarantineLength = quarantineLength;
    }

    /** @return whether a call may go to the plugin now (not quarantined, or the quarantine is over) */
    synchronized boolean admits() {
        if (quarantinedUntil == null) {
            return true;
        }
        if (clock.instant().isBefore(quarantinedUntil)) {
            return false;
        }
        quarantinedUntil = null;
        consecutive = 0;
        return true;
    }

    synchronized void recordSuccess() {
        calls++;
        consecutive = 0;
    }

    /** @return whether this failure put the plugin in quarantine */
    synchronized boolean recordFailure(PluginCallException.Reason kind, String message) {
        calls++;
        failures++;
        if (kind == PluginCallException.Reason.TIMED_OUT) {
            timeouts++;
        }
        consecutive++;
        lastError = kind + ": " + message;
        lastFailureAt = clock.instant();
        if (consecutive >= threshold && quarantinedUntil == null) {
            quarantinedUntil = lastFailureAt.plus(quarantineLength);
            quarantines++;
            return true;
        }
        return false;
    }

    synchronized Instant quarantinedUntil() {
        return quarantinedUntil != null && clock.instant().isBefore(quarantinedUntil) ? quarantinedUntil : null;
    }

    synchronized JsonObject failuresJson() {
        return new JsonObject()
                .put("calls", calls)
                .put("total", failures)
                .put("timeouts", timeouts)
                .put("consecutive", consecutive)
                .put("lastError", lastError)
                .put("lastFailureAt", lastFailureAt == null ? null : lastFailureAt.toString());
    }

    synchronized JsonObject quarantineJson() {
        Instant until = quarantinedUntil();
        return new JsonObject()
                .put("active", until != null)
                .put("until", until == null ? null : until.toString())
                .put("count", quarantines)
                .put("afterConsecutiveFailures", threshold);
    }
}
