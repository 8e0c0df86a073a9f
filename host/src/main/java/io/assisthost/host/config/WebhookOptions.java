package io.assisthost.host.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@code webhooks} section: outbound policy, sinks from the file, retries, breakers, dispatch. */
public final class WebhookOptions {

    private final List<String> allowHosts;
    private final List<JsonObject> sinks;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration deliveryTimeout;
    private final Duration pollInterval;
    private final int maxInFlight;
    private final Duration secretRotation;
    private final int breakerMaxFailures;
    private final Duration breakerResetTimeout;
    private final int retentionDays;

    WebhookOptions(JsonObject section) {
        JsonObject root = new JsonObject().put("webhooks", section);
        this.allowHosts = HostConfig.strings(root, "webhooks.allowHosts");
        Object sinksValue = HostConfig.lookup(root, "webhooks.sinks");
        if (!(sinksValue instanceof JsonArray array) || !array.stream().allMatch(JsonObject.class::isInstance)) {
            throw new ConfigException("webhooks.sinks must be a list of sink objects {id, url, secret, eventTypes, description}");
        }
        List<JsonObject> parsed = new ArrayList<>();
        array.forEach(sink -> parsed.add(((JsonObject) sink).copy()));
        this.sinks = List.copyOf(parsed);
        this.maxAttempts = (int) HostConfig.range(root, "webhooks.maxAttempts", 1, 100);
        this.initialBackoff = HostConfig.millis(root, "webhooks.initialBackoffMs");
        this.maxBackoff = HostConfig.millis(root, "webhooks.maxBackoffMs");
        this.deliveryTimeout = HostConfig.millis(root, "webhooks.deliveryTimeoutMs");
        this.pollInterval = HostConfig.millis(root, "webhooks.pollIntervalMs");
        this.maxInFlight = (int) HostConfig.range(root, "webhooks.maxInFlight", 1, 10_000);
        this.secretRotation = HostConfig.millis(root, "webhooks.secretRotationMs");
        this.breakerMaxFailures = (int) HostConfig.range(root, "webhooks.breaker.maxFailures", 1, 1000);
        this.breakerResetTimeout = HostConfig.millis(root, "webhooks.breaker.resetTimeoutMs");
        this.retentionDays = (int) HostConfig.range(root, "webhooks.retentionDays", 1, 3650);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ConfigException("webhooks.maxBackoffMs must not be shorter than webhooks.initialBackoffMs");
        }
    }

    /** Hosts outgoing HTTP may reach even over plain HTTP or at loopback and private addresses. */
    public List<String> allowHosts() {
        return allowHosts;
    }

    /** Sinks defined in the configuration file, as given. */
    public List<JsonObject> sinks() {
        return sinks;
    }

    /** Attempts per event and sink before it becomes a dead letter. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The delay before the first retry; it doubles on each further one. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The longest delay between two attempts (a receiver's {@code Retry-After} may ask for more). */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** How long one attempt may take before it counts as failed and is retried. */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /** How often the dispatcher looks for due retries when no new event wakes it. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** Attempts in flight at once, over all sinks. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** How long a replaced secret still signs deliveries next to the new one. */
    public Duration secretRotation() {
        return secretRotation;
    }

    /** Consecutive failed attempts that open a sink's breaker. */
    public int breakerMaxFailures() {
        return breakerMaxFailures;
    }

    /** Days an outbox event is kept once nothing is pending for it (then it can no longer be replayed). */
    public int retentionDays() {
        return retentionDays;
    }

    /** How long an open sink breaker waits before one probe attempt. */
    public Duration breakerResetTimeout() {
        return breakerResetTimeout;
    }
}
