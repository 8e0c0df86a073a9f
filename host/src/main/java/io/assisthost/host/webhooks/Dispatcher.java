package io.assisthost.host.webhooks;

import io.assisthost.api.DeliveryOutcome;
import io.assisthost.api.WebhookDelivery;
import io.assisthost.api.WebhookSink;
import io.assisthost.host.config.WebhookOptions;
import io.assisthost.host.plugins.ExtensionRegistry;
import io.assisthost.host.plugins.PluginExtension;
import io.assisthost.host.plugins.PluginInvoker;
import io.assisthost.host.metrics.LatencyBoard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: finds due deliveries, signs each attempt, hands it to the {@link WebhookSink}
 * of the sink's type under the plugin isolation rules, and records the outcome before the next event
 * of that conversation and sink may go. Runs on one event-loop context; the store and plugin calls run
 * off it.
 *
 * <p>Each sink has a breaker: {@code webhooks.breaker.maxFailures} failed attempts within its rolling
 * window (10 s) open it, and while it is open the sink's deliveries wait, without spending attempts,
 * until one probe is let through. Only transient failures count; a receiver's 4xx answer does not.
 */
public final class Dispatcher {

    /** What the cluster's handover of pending deliveries needs of the dispatcher. */
    interface Handover {

        /** No cluster: nothing is taken over, every delivery is this node's. */
        Handover NONE = new Handover() {
            @Override
            public Future<Boolean> mayAttempt(DeliveryStore.Due due) {
                return Future.succeededFuture(true);
            }

            @Override
            public void settled(DeliveryStore.Due due, String state) {
            }
        };

        /** Whether a delivery taken over from another node is still this node's to make. */
        Future<Boolean> mayAttempt(DeliveryStore.Due due);

        /** A delivery ended: {@code delivered} or {@code dead}. */
        void settled(DeliveryStore.Due due, String state);
    }

    /** Each settled delivery attempt is published here, for live views. */
    public static final String ATTEMPTS = "assist.webhooks.attempts";

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Vertx vertx;
    private final DeliveryStore deliveries;
    private final SinkRegistry sinks;
    private final Supplier<ExtensionRegistry> extensions;
    private final PluginInvoker invoker;
    private final WebhookOptions options;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final MeterRegistry meters;
    private final LatencyBoard board;
    private final Set<String> inFlight = new HashSet<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private Handover handover = Handover.NONE;
    private Context context;
    private long timer = -1;
    private boolean polling;
    private boolean pollAgain;
    private boolean closed;

    public Dispatcher(Vertx vertx, DeliveryStore deliveries, SinkRegistry sinks, Supplier<ExtensionRegistry> extensions,
                      PluginInvoker invoker, WebhookOptions options, Clock clock, RetrySchedule schedule,
                      MeterRegistry meters, LatencyBoard board) {
        this.board = board;
        this.vertx = vertx;
        this.deliveries = deliveries;
        this.sinks = sinks;
        this.extensions = extensions;
        this.invoker = invoker;
        this.options = options;
        this.clock = clock;
        this.schedule = schedule;
        this.meters = meters;
    }

    /** Tells the cluster's handover about deliveries; before {@link #start()}. */
    void handover(Handover handover) {
        this.handover = handover;
    }

    /** Starts polling on the caller's context; what was pending before a restart goes out first. */
    public void start() {
        context = vertx.getOrCreateContext();
        timer = vertx.setPeriodic(options.pollInterval().toMillis(), id -> poll());
        poll();
    }

    /** Looks for due deliveries now (new events were committed, or a test moved the clock). */
    public void wake() {
        if (context == null) {
            return;
        }
        context.runOnContext(v -> poll());
    }

    /** The breaker state of a sink: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
    public String breakerState(String sinkId) {
        CircuitBreaker breaker = breakers.get(sinkId);
        return breaker == null ? CircuitBreakerState.CLOSED.name() : breaker.state().name();
    }

    public void close() {
        closed = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        breakers.values().forEach(CircuitBreaker::close);
    }

    private void poll() {
        if (closed) {
            return;
        }
        if (polling) {
            pollAgain = true;
            return;
        }
        int free = options.maxInFlight() - inFlight.size();
        if (free <= 0) {
            return;
        }
        polling = true;
        pollAgain = false;
        deliveries.due(clock.millis(), free + inFlight.size()).onComplete(result -> {
            if (result.succeeded()) {
                dispatch(result.result());
            } else {
                LOG.warn("Looking for due webhook deliveries failed; next try in {} ms",
                        options.pollInterval().toMillis(), result.cause());
            }
            polling = false;
            if (pollAgain) {
                poll();
            }
        });
    }

    private void dispatch(List<DeliveryStore.Due> due) {
        for (DeliveryStore.Due delivery : due) {
            if (inFlight.size() >= options.maxInFlight()) {
                return;
            }
            Sink sink = sinks.get(delivery.sinkId());
            if (sink == null || !sink.enabled() || !inFlight.add(delivery.lane())) {
                continue;
            }
            attempt(delivery, sink);
        }
    }

    private void attempt(DeliveryStore.Due due, Sink sink) {
        if (due.handedOverFrom() == null) {
            attemptNow(due, sink);
            return;
        }
        handover.mayAttempt(due).onComplete(ours -> context.runOnContext(v -> {
            if (ours.succeeded() && !ours.result()) {
                // Its first node took it back, or another settled it: it is not this node's any more.
                finish(due, deliveries.forget(due.sinkId(), due.seq()));
            } else {
                attemptNow(due, sink);
            }
        }));
    }

    private void attemptNow(DeliveryStore.Due due, Sink sink) {
        PluginExtension<WebhookSink> extension = extensions.get().sinkFor(sink.type());
        Instant start = clock.instant();
        if (extension == null) {
            postpone(due, options.initialBackoff(), "no started plugin delivers to " + sink.type() + " sinks");
            return;
        }
        CircuitBreaker breaker = breaker(sink.id());
        if (breaker.state() == CircuitBreakerState.OPEN) {
            postpone(due, options.breakerResetTimeout(), "the sink's breaker is open");
            return;
        }
        WebhookDelivery delivery = new WebhookDelivery(due.eventId(), due.type(), start, due.conversationId(),
                due.payload(), WebhookSigner.headers(due.eventId(), start, due.payload(), sink.secrets(start)),
                sink.target(), due.attempts() + 1);
        long startNanos = System.nanoTime();
        Promise<DeliveryOutcome> outcome = Promise.promise();
        breaker.<DeliveryOutcome>execute(attempt -> invoker
                .callAsync(extension, instance -> instance.deliver(delivery), result -> null, options.deliveryTimeout())
                .recover(failure -> Future.succeededFuture(DeliveryOutcome.retry(0, null, failure.getMessage())))
                .onSuccess(result -> {
                    outcome.tryComplete(result);
                    if (result.status() == DeliveryOutcome.Status.RETRY) {
                        attempt.fail(result.detail());
                    } else {
                        attempt.complete(result);
                    }
                }))
                .onFailure(failure -> outcome.tryComplete(null));
        outcome.future().onSuccess(result -> {
            if (result == null) {
                postpone(due, options.breakerResetTimeout(), "the sink's breaker is open");
                return;
            }
            long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            Timer.builder("assist.webhooks.delivery").tag("sink", sink.id()).tag("outcome", result.status().name())
                    .register(meters).record(Duration.ofMillis(latencyMs));
            board.record(LatencyBoard.WEBHOOK, sink.id(), System.nanoTime() - startNanos,
                    result.status() == DeliveryOutcome.Status.DELIVERED);
            settle(due, sink, result, start, latencyMs);
        });
    }

    private void settle(DeliveryStore.Due due, Sink sink, DeliveryOutcome outcome, Instant at, long latencyMs) {
        int attempts = due.attempts() + 1;
        String state = DeliveryStore.PENDING;
        long next = at.toEpochMilli();
        switch (outcome.status()) {
            case DELIVERED -> state = DeliveryStore.DELIVERED;
            case GIVE_UP -> state = DeliveryStore.DEAD;
            case RETRY -> {
                if (attempts >= options.maxAttempts()) {
                    state = DeliveryStore.DEAD;
                } else {
                    next = clock.millis() + schedule.delay(attempts, outcome.retryAfter()).toMillis();
                }
            }
            // The event stays pending for the day the sink is enabled again.
            case GONE -> sinks.disable(sink.id(), "the receiver answered " + outcome.httpStatus() + " Gone at " + at);
            default -> throw new IllegalStateException("unknown outcome " + outcome.status());
        }
        if (state.equals(DeliveryStore.DEAD)) {
            LOG.warn("Webhook event {} ({}) to sink {} is a dead letter after {} attempt(s): {}", due.eventId(),
                    due.type(), sink.id(), attempts, outcome.detail());
        }
        DeliveryStore.Attempt attempt = new DeliveryStore.Attempt(attempts, at.toEpochMilli(), outcome.httpStatus(),
                outcome.status().name(), latencyMs, outcome.detail());
        String settled = state;
        finish(due, deliveries.record(new DeliveryStore.Settlement(due.sinkId(), due.seq(), state, attempts, next,
                outcome.httpStatus(), outcome.detail(), attempt)).onSuccess(applied -> {
                    // Not applied: replayed meanwhile, the delivery is pending again, and nothing is settled.
                    if (applied && !settled.equals(DeliveryStore.PENDING)) {
                        handover.settled(due, settled);
                    }
                    vertx.eventBus().publish(ATTEMPTS, new JsonObject().put("sink", sink.id())
                            .put("eventId", due.eventId()).put("type", due.type()).put("state", settled)
                            .put("attempt", attempts).put("httpStatus", outcome.httpStatus())
                            .put("outcome", outcome.status().name()).put("latencyMs", latencyMs));
                }));
    }

    /** Moves a delivery later without spending an attempt. */
    private void postpone(DeliveryStore.Due due, Duration delay, String reason) {
        finish(due, deliveries.record(new DeliveryStore.Settlement(due.sinkId(), due.seq(), DeliveryStore.PENDING,
                due.attempts(), clock.millis() + delay.toMillis(), 0, reason, null)));
    }

    private void finish(DeliveryStore.Due due, Future<?> recorded) {
        recorded.onComplete(result -> {
            if (result.failed()) {
                LOG.warn("Recording the outcome of webhook event {} to sink {} failed; it will be attempted again",
                        due.eventId(), due.sinkId(), result.cause());
            }
            context.runOnContext(v -> {
                inFlight.remove(due.lane());
                poll();
            });
        });
    }

    private CircuitBreaker breaker(String sinkId) {
        return breakers.computeIfAbsent(sinkId, id -> CircuitBreaker.create("webhook-sink-" + id, vertx,
                new CircuitBreakerOptions()
                        .setMaxFailures(options.breakerMaxFailures())
                        .setResetTimeout(options.breakerResetTimeout().toMillis())
                        .setTimeout(-1)
                        .setFallbackOnFailure(false)));
    }
}
