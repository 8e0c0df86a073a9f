package io.assisthost.host.cluster;

import java.util.List;

/**
 * Names of the cluster-wide maps. Each has an explicit entry (backups, time to live) in
 * {@code conf/cluster.xml}. Open them with {@code vertx.sharedData().getAsyncMap(name)}: cluster-wide on
 * a clustered Vert.x, local on one without a cluster manager.
 */
public final class SharedMaps {

    /** Result-set ETag and latest result per subscribed interaction. */
    public static final String ETAGS = "assist.etags";
    /** Last good recommendation result per interaction. */
    public static final String RESULTS = "assist.results";
    /** Polling subscriptions by interaction. */
    public static final String SUBSCRIPTIONS = "assist.subscriptions";
    /** Subscription leases: which node polls which interaction. */
    public static final String LEASES = "assist.leases";
    /** The deployed assist-action set. */
    public static final String ACTIONS = "assist.actions";
    /** When each action last triggered in each conversation, for the trigger window. */
    public static final String TRIGGERS = "assist.triggers";

    /** The webhook sinks made through the API (or their tombstones), shared by every node. */
    public static final String WEBHOOK_SINKS = "assist.webhooks.sinks";
    /** Every node's pending webhook deliveries, for a live node to take over those of a node that left. */
    public static final String WEBHOOKS_PENDING = "assist.webhooks.pending";
    /** How deliveries taken over from another node ended, for that node to learn when it comes back. */
    public static final String WEBHOOKS_SETTLED = "assist.webhooks.settled";

    /** Every shared map, in the order the cluster view lists them. */
    public static final List<String> ALL = List.of(ETAGS, RESULTS, SUBSCRIPTIONS, LEASES, ACTIONS, TRIGGERS,
            WEBHOOK_SINKS, WEBHOOKS_PENDING, WEBHOOKS_SETTLED);

    private SharedMaps() {
    }
}
