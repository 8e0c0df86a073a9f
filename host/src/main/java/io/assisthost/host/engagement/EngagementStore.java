package io.assisthost.host.engagement;

import io.assisthost.host.store.GroupCommit;
import io.assisthost.host.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Triggered cards, engagement events and the per-variant aggregates, written in group-committed
 * transactions: an event and the aggregate it changes are committed together, so the figures always
 * agree with the events.
 */
final class EngagementStore {

    /** An engagement event to record: by trigger id, or by the latest trigger of an action in a conversation. */
    record Event(String type, String triggerId, String conversationId, String action, Instant at) {
    }

    /** What recording an event found: the trigger it belongs to (or none), and whether it was new. */
    record Outcome(TriggerRecord trigger, Status status, Long latencyMs) {
    }

    enum Status { RECORDED, DUPLICATE, UNKNOWN_TRIGGER, CONTRADICTS }

    /** The running figures of one action version and variant. */
    record Aggregate(String action, String version, String variant, long triggered, long rendered, long accepted,
                     long dismissed, long latencySumMs, long latencyMaxMs, long[] latencyBuckets) {

        /** The form in which a node sends its aggregates to another. */
        JsonObject toJson() {
            return new JsonObject().put("action", action).put("version", version).put("variant", variant)
                    .put("triggered", triggered).put("rendered", rendered).put("accepted", accepted)
                    .put("dismissed", dismissed).put("latencySumMs", latencySumMs).put("latencyMaxMs", latencyMaxMs)
                    .put("latencyBuckets", LatencyBuckets.write(latencyBuckets));
        }

        static Aggregate fromJson(JsonObject json) {
            return new Aggregate(json.getString("action"), json.getString("version"), json.getString("variant"),
                    json.getLong("triggered"), json.getLong("rendered"), json.getLong("accepted"),
                    json.getLong("dismissed"), json.getLong("latencySumMs"), json.getLong("latencyMaxMs"),
                    LatencyBuckets.read(json.getString("latencyBuckets")));
        }
    }

    private final Store store;
    private final GroupCommit<TriggerRecord, Void> triggers;
    private final GroupCommit<Event, Outcome> events;

    EngagementStore(Vertx vertx, Store store) {
        this.store = store;
        this.triggers = new GroupCommit<>(vertx, store, EngagementStore::writeTriggers);
        this.events = new GroupCommit<>(vertx, store, EngagementStore::writeEvents);
    }

    Future<Void> recordTrigger(TriggerRecord trigger) {
        return triggers.submit(trigger);
    }

    /** What recording the event would do, without recording it. */
    Future<Outcome> examine(Event event) {
        return store.read(connection -> examine(connection, event));
    }

    /** Records the event and counts it, unless it was recorded meanwhile. */
    Future<Outcome> recordEvent(Event event) {
        return events.submit(event);
    }

    /** The aggregates of an action, by version and variant. */
    Future<List<Aggregate>> aggregates(String action) {
        return store.read(connection -> {
            List<Aggregate> rows = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT action, version, variant, triggered, "
                    + "rendered, accepted, dismissed, latency_sum_ms, latency_max_ms, latency_buckets "
                    + "FROM engagement_aggregate WHERE action = ? ORDER BY version, variant")) {
                select.setString(1, action);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.add(new Aggregate(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                                row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getLong(9),
                                LatencyBuckets.read(row.getString(10))));
                    }
                }
            }
            return rows;
        });
    }

    /** Deletes triggers older than {@code before} with their events; aggregates stay. */
    Future<Integer> prune(Instant before) {
        return store.write(connection -> {
            try (PreparedStatement events = connection.prepareStatement("DELETE FROM engagement_event WHERE trigger_id IN "
                    + "(SELECT id FROM action_trigger WHERE triggered_at < ?)");
                 PreparedStatement triggers = connection.prepareStatement("DELETE FROM action_trigger WHERE triggered_at < ?")) {
                events.setLong(1, before.toEpochMilli());
                events.executeUpdate();
                triggers.setLong(1, before.toEpochMilli());
                return triggers.executeUpdate();
            }
        });
    }

    private static List<Void> writeTriggers(Connection connection, List<TriggerRecord> batch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO action_trigger (id, conversation_id, "
                + "action, version, variant, triggered_at) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement count = connection.prepareStatement("INSERT INTO engagement_aggregate (action, version, "
                     + "variant, triggered) VALUES (?, ?, ?, 1) ON CONFLICT (action, version, variant) "
                     + "DO UPDATE SET triggered = triggered + 1")) {
            for (TriggerRecord trigger : batch) {
                insert.setString(1, trigger.id());
                insert.setString(2, trigger.conversationId());
                insert.setString(3, trigger.action());
                insert.setString(4, trigger.version());
                insert.setString(5, trigger.variant());
                insert.setLong(6, trigger.triggeredAt().toEpochMilli());
                insert.addBatch();
                count.setString(1, trigger.action());
                count.setString(2, trigger.version());
                count.setString(3, trigger.variant());
                count.addBatch();
            }
            insert.executeBatch();
            count.executeBatch();
        }
        List<Void> done = new ArrayList<>(batch.size());
        batch.forEach(trigger -> done.add(null));
        return done;
    }

    private static List<Outcome> writeEvents(Connection connection, List<Event> batch) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Event event : batch) {
            outcomes.add(writeEvent(connection, event));
        }
        return outcomes;
    }

    private static Outcome examine(Connection connection, Event event) throws SQLException {
        TriggerRecord trigger = event.triggerId() != null ? trigger(connection, event.triggerId())
                : latestTrigger(connection, event.conversationId(), event.action());
        if (trigger == null) {
            return new Outcome(null, Status.UNKNOWN_TRIGGER, null);
        }
        String opposite = switch (event.type()) {
            case "accepted" -> "dismissed";
            case "dismissed" -> "accepted";
            default -> null;
        };
        if (opposite != null && hasEvent(connection, trigger.id(), opposite)) {
            return new Outcome(trigger, Status.CONTRADICTS, null);
        }
        if (hasEvent(connection, trigger.id(), event.type())) {
            return new Outcome(trigger, Status.DUPLICATE, null);
        }
        Long latency = event.type().equals("rendered")
                ? Math.max(0, event.at().toEpochMilli() - trigger.triggeredAt().toEpochMilli()) : null;
        return new Outcome(trigger, Status.RECORDED, latency);
    }

    private static Outcome writeEvent(Connection connection, Event event) throws SQLException {
        Outcome outcome = examine(connection, event);
        if (outcome.status() != Status.RECORDED) {
            return outcome;
        }
        TriggerRecord trigger = outcome.trigger();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO engagement_event (trigger_id, type, at, "
                + "latency_ms) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, trigger.id());
            insert.setString(2, event.type());
            insert.setLong(3, event.at().toEpochMilli());
            insert.setObject(4, outcome.latencyMs());
            insert.executeUpdate();
        }
        count(connection, trigger, event.type(), outcome.latencyMs());
        return outcome;
    }

    private static void count(Connection connection, TriggerRecord trigger, String type, Long latency) throws SQLException {
        long[] buckets = null;
        if (latency != null) {
            try (PreparedStatement select = connection.prepareStatement("SELECT latency_buckets FROM engagement_aggregate "
                    + "WHERE action = ? AND version = ? AND variant = ?")) {
                bind(select, trigger);
                try (ResultSet row = select.executeQuery()) {
                    buckets = LatencyBuckets.add(row.next() ? LatencyBuckets.read(row.getString(1)) : new long[0], latency);
                }
            }
        }
        // The column name comes from the fixed set of event types, never from input.
        String column = switch (type) {
            case "rendered" -> "rendered";
            case "accepted" -> "accepted";
            default -> "dismissed";
        };
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO engagement_aggregate (action, version, "
                + "variant, " + column + ", latency_sum_ms, latency_max_ms, latency_buckets) VALUES (?, ?, ?, 1, ?, ?, ?) "
                + "ON CONFLICT (action, version, variant) DO UPDATE SET " + column + " = " + column + " + 1, "
                + "latency_sum_ms = latency_sum_ms + excluded.latency_sum_ms, "
                + "latency_max_ms = max(latency_max_ms, excluded.latency_max_ms), "
                + "latency_buckets = CASE WHEN ? THEN excluded.latency_buckets ELSE latency_buckets END")) {
            bind(upsert, trigger);
            upsert.setLong(4, latency == null ? 0 : latency);
            upsert.setLong(5, latency == null ? 0 : latency);
            upsert.setString(6, buckets == null ? "[]" : LatencyBuckets.write(buckets));
            upsert.setBoolean(7, buckets != null);
            upsert.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, TriggerRecord trigger) throws SQLException {
        statement.setString(1, trigger.action());
        statement.setString(2, trigger.version());
        statement.setString(3, trigger.variant());
    }

    private static boolean hasEvent(Connection connection, String triggerId, String type) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM engagement_event WHERE trigger_id = ? AND type = ?")) {
            select.setString(1, triggerId);
            select.setString(2, type);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static TriggerRecord trigger(Connection connection, String id) throws SQLException {
        return one(connection, "WHERE id = ?", id, null);
    }

    private static TriggerRecord latestTrigger(Connection connection, String conversationId, String action)
            throws SQLException {
        return one(connection, "WHERE conversation_id = ? AND action = ? ORDER BY triggered_at DESC LIMIT 1",
                conversationId, action);
    }

    private static TriggerRecord one(Connection connection, String where, String first, String second) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, conversation_id, action, version, "
                + "variant, triggered_at FROM action_trigger " + where)) {
            select.setString(1, first);
            if (second != null) {
                select.setString(2, second);
            }
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new TriggerRecord(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), Instant.ofEpochMilli(row.getLong(6))) : null;
            }
        }
    }
}
