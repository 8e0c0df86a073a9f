package io.assisthost.host.http;

import io.assisthost.host.actions.TriggerEngine;
import io.assisthost.host.metrics.LatencyPublisher;
import io.assisthost.host.recommend.BreakerRegistry;
import io.assisthost.host.webhooks.Dispatcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What {@code GET /api/v1/stream} sends: latency snapshots of every node, breaker changes, triggered
 * cards and webhook delivery attempts, each numbered in the order this node saw it. The last
 * {@value #BACKLOG} are kept so a client that reconnects with {@code Last-Event-ID} misses nothing
 * recent. Thread-safe.
 */
final class EventStream {

    /** A numbered event. */
    record Event(long id, String type, JsonObject data) {

        /** The event in Server-Sent Events framing. */
        String frame() {
            return "id: " + id + "\nevent: " + type + "\ndata: " + data.encode() + "\n\n";
        }
    }

    static final int BACKLOG = 1_000;
    private static final Map<String, String> SOURCES = Map.of(
            LatencyPublisher.ADDRESS, "latency",
            BreakerRegistry.ADDRESS, "breaker",
            TriggerEngine.TRIGGERED_ADDRESS, "trigger",
            Dispatcher.ATTEMPTS, "delivery");

    private final Deque<Event> backlog = new ArrayDeque<>();
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();
    private long lastId;

    Future<Void> start(Vertx vertx) {
        SOURCES.forEach((address, type) -> consumers.add(vertx.eventBus().<JsonObject>consumer(address,
                message -> append(type, message.body()))));
        return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
    }

    Future<Void> close() {
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
    }

    /**
     * Subscribes {@code listener} to new events after handing it the kept ones numbered above
     * {@code afterId} (none when {@code afterId} is {@code null}).
     */
    void subscribe(Long afterId, Consumer<Event> listener) {
        List<Event> missed = new ArrayList<>();
        synchronized (backlog) {
            if (afterId != null) {
                backlog.stream().filter(event -> event.id() > afterId).forEach(missed::add);
            }
            listeners.add(listener);
        }
        missed.forEach(listener);
    }

    void unsubscribe(Consumer<Event> listener) {
        listeners.remove(listener);
    }

    private void append(String type, JsonObject data) {
        Event event;
        synchronized (backlog) {
            event = new Event(++lastId, type, data);
            backlog.addLast(event);
            if (backlog.size() > BACKLOG) {
                backlog.removeFirst();
            }
        }
        listeners.forEach(listener -> listener.accept(event));
    }
}
