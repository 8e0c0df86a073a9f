package io.assisthost.host.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code recommend} section: scoring weights, candidate pool, breakers, subscriptions. */
public final class RecommendOptions {

    private final Map<String, Double> weights;
    private final int defaultMaxResults;
    private final int maxInFlight;
    private final int candidatePool;
    private final int recentUtterances;
    private final int breakerMaxFailures;
    private final Duration breakerTimeout;
    private final Duration breakerResetTimeout;
    private final Duration breakerRollingWindow;
    private final Duration defaultPollInterval;
    private final Duration minPollInterval;
    private final Duration lease;
    private final Duration scanInterval;
    private final Duration subscriptionTtl;

    RecommendOptions(JsonObject section) {
        JsonObject root = new JsonObject().put("recommend", section);
        Object weightsValue = HostConfig.lookup(root, "recommend.weights");
        if (!(weightsValue instanceof JsonObject weightsJson)) {
            throw new ConfigException("recommend.weights must be an object of score component → weight");
        }
        Map<String, Double> parsed = new LinkedHashMap<>();
        for (String component : weightsJson.fieldNames()) {
            Object weight = weightsJson.getValue(component);
            if (!(weight instanceof Number number) || !(number.doubleValue() >= 0)) {
                throw new ConfigException("recommend.weights." + component + " must be a non-negative number, was " + weight);
            }
            parsed.put(component, number.doubleValue());
        }
        this.weights = Map.copyOf(parsed);
        this.defaultMaxResults = (int) HostConfig.range(root, "recommend.defaultMaxResults", 1, 50);
        this.maxInFlight = (int) HostConfig.range(root, "recommend.maxInFlight", 1, 1_000_000);
        this.candidatePool = (int) HostConfig.range(root, "recommend.candidatePool", 1, 100);
        this.recentUtterances = (int) HostConfig.range(root, "recommend.recentUtterances", 0, 50);
        this.breakerMaxFailures = (int) HostConfig.range(root, "recommend.breaker.maxFailures", 1, 1000);
        this.breakerTimeout = HostConfig.millis(root, "recommend.breaker.timeoutMs");
        this.breakerResetTimeout = HostConfig.millis(root, "recommend.breaker.resetTimeoutMs");
        this.breakerRollingWindow = HostConfig.millis(root, "recommend.breaker.failuresRollingWindowMs");
        this.defaultPollInterval = HostConfig.millis(root, "recommend.subscriptions.defaultPollIntervalMs");
        this.minPollInterval = HostConfig.millis(root, "recommend.subscriptions.minPollIntervalMs");
        this.lease = HostConfig.millis(root, "recommend.subscriptions.leaseMs");
        this.scanInterval = HostConfig.millis(root, "recommend.subscriptions.scanIntervalMs");
        this.subscriptionTtl = HostConfig.millis(root, "recommend.subscriptions.ttlMs");
        if (scanInterval.compareTo(lease) >= 0) {
            throw new ConfigException("recommend.subscriptions.scanIntervalMs must be shorter than leaseMs");
        }
    }

    /** Weight of each score component in the combined score; a component not listed weighs 1. */
    public Map<String, Double> weights() {
        return weights;
    }

    /** How many recommendations a node serves at once; more are refused with 503 rather than queued. */
    public int maxInFlight() {
        return maxInFlight;
    }

    public int defaultMaxResults() {
        return defaultMaxResults;
    }

    /** How many candidates to ask the knowledge source for, before scoring and filtering. */
    public int candidatePool() {
        return candidatePool;
    }

    /** How many recent customer utterances make up a query when a request gives none. */
    public int recentUtterances() {
        return recentUtterances;
    }

    public int breakerMaxFailures() {
        return breakerMaxFailures;
    }

    public Duration breakerTimeout() {
        return breakerTimeout;
    }

    public Duration breakerResetTimeout() {
        return breakerResetTimeout;
    }

    public Duration breakerRollingWindow() {
        return breakerRollingWindow;
    }

    public Duration defaultPollInterval() {
        return defaultPollInterval;
    }

    public Duration minPollInterval() {
        return minPollInterval;
    }

    /** How long a node owns a subscription without renewing its lease. */
    public Duration lease() {
        return lease;
    }

    /** How often each node renews its leases and looks for subscriptions without an owner. */
    public Duration scanInterval() {
        return scanInterval;
    }

    /** How long a subscription lives without being renewed by a PUT. */
    public Duration subscriptionTtl() {
        return subscriptionTtl;
    }
}
