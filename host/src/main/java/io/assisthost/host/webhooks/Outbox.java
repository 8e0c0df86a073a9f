package io.assisthost.host.webhooks;

import io.assisthost.host.store.GroupCommit;
import io.assisthost.host.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The durable outbox. {@link #publish} completes only once the event, and one pending delivery for
 * every enabled sink that subscribes to its type, are committed to disk; callers acknowledge their own
 * work after that. Publishes are group-committed.
 */
public final class Outbox {

    /**
     * A stored event: its id (the {@code webhook-id}), the payload as signed, when it was made, and the
     * sinks it was routed to.
     */
    public record Stored(String id, long seq, String payload, long createdAt, List<String> sinkIds) {
    }

    private record Entry(String id, String type, String conversationId, String payload, long createdAt) {
    }

    private final Clock clock;
    private final GroupCommit<Entry, Stored> writes;
    private final List<BiConsumer<WebhookEvent, Stored>> listeners = new CopyOnWriteArrayList<>();

    public Outbox(Vertx vertx, Store store, Clock clock) {
        this.clock = clock;
        this.writes = new GroupCommit<>(vertx, store, Outbox::insert);
    }

    /** Runs {@code listener} with every event once it is committed: the dispatcher wakes, the cluster copies it. */
    public void onStored(BiConsumer<WebhookEvent, Stored> listener) {
        listeners.add(listener);
    }

    /** Writes the event durably; completes with its id once it is on disk. */
    public Future<Stored> publish(WebhookEvent event) {
        Instant now = clock.instant();
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        // The envelope is written last so that no event's own fields can replace it.
        JsonObject payload = event.data().copy()
                .put("type", event.type())
                .put("id", id)
                .put("timestamp", now.toString())
                .put("conversationId", event.conversationId());
        return writes.submit(new Entry(id, event.type(), event.conversationId(), payload.encode(), now.toEpochMilli()))
                .onSuccess(stored -> listeners.forEach(listener -> listener.accept(event, stored)));
    }

    private static List<Stored> insert(Connection connection, List<Entry> batch) throws SQLException {
        List<Map.Entry<String, JsonArray>> sinks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, event_types FROM webhook_sink WHERE enabled = 1 AND origin <> '"
                + Sink.ORIGIN_HANDOVER + "'");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                sinks.add(Map.entry(rows.getString(1), new JsonArray(rows.getString(2))));
            }
        }
        List<Stored> stored = new ArrayList<>(batch.size());
        try (PreparedStatement event = connection.prepareStatement("INSERT INTO outbox_event (id, type, conversation_id, "
                + "payload, created_at) VALUES (?, ?, ?, ?, ?) RETURNING seq");
             PreparedStatement delivery = connection.prepareStatement("INSERT INTO delivery (sink_id, event_seq, order_key, "
                     + "state, attempts, next_attempt_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?)")) {
            for (Entry entry : batch) {
                event.setString(1, entry.id());
                event.setString(2, entry.type());
                event.setString(3, entry.conversationId());
                event.setString(4, entry.payload());
                event.setLong(5, entry.createdAt());
                long seq;
                try (ResultSet inserted = event.executeQuery()) {
                    inserted.next();
                    seq = inserted.getLong(1);
                }
                List<String> routed = new ArrayList<>();
                for (Map.Entry<String, JsonArray> sink : sinks) {
                    JsonArray types = sink.getValue();
                    if (types.contains(EventTypes.ALL) || types.contains(entry.type())) {
                        routed.add(sink.getKey());
                        delivery.setString(1, sink.getKey());
                        delivery.setLong(2, seq);
                        delivery.setString(3, entry.conversationId() == null ? entry.id() : entry.conversationId());
                        delivery.setLong(4, entry.createdAt());
                        delivery.setLong(5, entry.createdAt());
                        delivery.addBatch();
                    }
                }
                stored.add(new Stored(entry.id(), seq, entry.payload(), entry.createdAt(), routed));
            }
            delivery.executeBatch();
        }
        return stored;
    }
}
