package io.assisthost.host.webhooks;

import java.util.List;

/** The outgoing event types; sinks subscribe to some of them, or to {@code *} for all. */
public final class EventTypes {

    public static final String RECOMMENDATIONS_DELIVERED = "agentassist.recommendations.delivered";
    public static final String RECOMMENDATIONS_UPDATED = "agentassist.recommendations.updated";
    public static final String ACTION_TRIGGERED = "agentassist.action.triggered";
    public static final String ACTION_RENDERED = "agentassist.action.rendered";
    public static final String ACTION_ACCEPTED = "agentassist.action.accepted";
    public static final String ACTION_DISMISSED = "agentassist.action.dismissed";

    /** Subscribes a sink to every type. */
    public static final String ALL = "*";

    public static final List<String> KNOWN = List.of(RECOMMENDATIONS_DELIVERED, RECOMMENDATIONS_UPDATED, ACTION_TRIGGERED,
            ACTION_RENDERED, ACTION_ACCEPTED, ACTION_DISMISSED);

    private EventTypes() {
    }
}
