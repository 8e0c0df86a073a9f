package io.assisthost.api;

import java.util.concurrent.CompletionStage;
import org.pf4j.ExtensionPoint;

/**
 * Delivers outgoing events to one kind of receiver.
 *
 * <p>Every configured webhook sink names a {@link #type()}; the host routes each event for that sink to
 * the started {@code WebhookSink} of that type (the lowest {@link org.pf4j.Extension#ordinal() ordinal}
 * wins if several claim it). Before calling the sink the host has written the event to its durable
 * outbox and signed it; after the sink's outcome it records the attempt, retries, dead-letters or
 * disables the sink. A sink therefore only performs one attempt and reports what happened.
 *
 * <p><b>Threading:</b> called on a host worker thread, from several threads at once (at most one
 * in-flight delivery per conversation and sink). The method must not block: send through
 * {@link PluginContext#http()} and return its stage composed into an outcome. The stage must complete
 * within the sink's delivery timeout.
 *
 * <p><b>Failure:</b> if the method throws, returns {@code null}, or its stage completes exceptionally or
 * late, the host counts a plugin failure and treats the attempt as {@link DeliveryOutcome.Status#RETRY}.
 * Nothing is lost: the event stays in the outbox until an outcome settles it.
 */
public interface WebhookSink extends ExtensionPoint {

    /**
     * The sink type this extension serves, as sink configurations name it: lower case, for example
     * {@code http}. Must return the same value on every call.
     *
     * @return the sink type
     */
    String type();

    /**
     * Makes one delivery attempt.
     *
     * @param delivery the signed event, its headers and the sink
     * @return a stage completing with the outcome of this attempt
     */
    CompletionStage<DeliveryOutcome> deliver(WebhookDelivery delivery);
}
