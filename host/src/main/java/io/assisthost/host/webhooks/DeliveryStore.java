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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery rows of the outbox: which are due, what became of each attempt, the delivery log of a
 * sink, and replays. A row is due when it is pending, its time has come, its sink is enabled, and it is
 * the oldest pending row of its sink and conversation: that last rule keeps each conversation's events
 * in order per sink, while other conversations and other sinks go ahead.
 */
public final class DeliveryStore {

    /** A delivery ready for an attempt. */
    public record Due(String sinkId, long seq, String orderKey, int attempts, String eventId, String type,
                      String conversationId, String payload, String handedOverFrom) {

        /** The key under which at most one attempt is in flight. */
        public String lane() {
            return sinkId + "\u0000" + orderKey;
        }
    }

    /**
     * What an attempt settled: the row's new state, and the attempt for the log ({@code null} if none was
     * made). It applies only to a row still pending with the attempts it had before ({@code attempts}, less
     * the one {@code attempt} made): a replay while the attempt was under way made the row another delivery.
     */
    public record Settlement(String sinkId, long seq, String state, int attempts, long nextAttemptAt, int httpStatus,
                             String detail, Attempt attempt) {
    }

    /** An event to deliver to a sink again. */
    public record Replay(long seq, String eventId, String type, String conversationId, String payload, long createdAt) {
    }

    /** One attempt for the delivery log. */
    public record Attempt(int number, long at, int httpStatus, String outcome, long latencyMs, String detail) {
    }

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";

    private static final String REPLAY_COLUMNS = "SELECT e.seq, e.id, e.type, e.conversation_id, e.payload, "
            + "e.created_at ";

    private final Store store;
    private final GroupCommit<Settlement, Boolean> settlements;

    public DeliveryStore(Vertx vertx, Store store) {
        this.store = store;
        this.settlements = new GroupCommit<>(vertx, store, DeliveryStore::settle);
    }

    /** Up to {@code limit} due deliveries at {@code now}, earliest first. */
    public Future<List<Due>> due(long now, int limit) {
        return selectDue("JOIN webhook_sink s ON s.id = d.sink_id AND s.enabled = 1 "
                + "WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND d.event_seq = (SELECT MIN(h.event_seq) "
                + "FROM delivery h WHERE h.state = 'pending' AND h.sink_id = d.sink_id AND h.order_key = d.order_key) "
                + "ORDER BY d.next_attempt_at, d.event_seq LIMIT ?", now, limit);
    }

    /**
     * Up to {@code limit} pending deliveries after event {@code afterSeq}, in event order: a page of the
     * backlog, for walking it without holding it all.
     */
    public Future<List<Due>> pending(long afterSeq, int limit) {
        return selectDue("WHERE d.state = 'pending' AND d.event_seq > ? ORDER BY d.event_seq LIMIT ?", afterSeq, limit);
    }

    /** Deliveries with their events, as {@link Due}s: {@code rest} of the query after the join, its two arguments. */
    private Future<List<Due>> selectDue(String rest, long first, int limit) {
        return store.read(connection -> {
            List<Due> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT d.sink_id, d.event_seq, d.order_key, "
                    + "d.attempts, e.id, e.type, e.conversation_id, e.payload, d.handed_over_from FROM delivery d "
                    + "JOIN outbox_event e ON e.seq = d.event_seq " + rest)) {
                select.setLong(1, first);
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Due(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getInt(4),
                                rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8),
                                rows.getString(9)));
                    }
                }
            }
            return found;
        });
    }

    /**
     * Adds a delivery taken over from node {@code from}: its event (unless this store has it already) and
     * a pending delivery to its sink, due now. Completes with whether it was new.
     */
    Future<Boolean> adopt(OutboxMirror.Entry entry, String from, long now) {
        JsonObject event = entry.event();
        String sinkId = entry.value().getJsonObject("sink").getString("id");
        return store.write(connection -> {
            try (PreparedStatement insertEvent = connection.prepareStatement("INSERT OR IGNORE INTO outbox_event (id, "
                    + "type, conversation_id, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
                insertEvent.setString(1, event.getString("id"));
                insertEvent.setString(2, event.getString("type"));
                insertEvent.setString(3, event.getString("conversationId"));
                insertEvent.setString(4, event.getString("payload"));
                insertEvent.setLong(5, event.getLong("createdAt"));
                insertEvent.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO delivery (sink_id, "
                    + "event_seq, order_key, state, attempts, next_attempt_at, updated_at, handed_over_from) "
                    + "SELECT ?, seq, COALESCE(conversation_id, id), 'pending', 0, ?, ?, ? FROM outbox_event WHERE id = ?")) {
                insert.setString(1, sinkId);
                insert.setLong(2, now);
                insert.setLong(3, now);
                insert.setString(4, from);
                insert.setString(5, event.getString("id"));
                return insert.executeUpdate() == 1;
            }
        });
    }

    /** Drops a taken-over delivery its first node took back. */
    Future<Void> forget(String sinkId, long seq) {
        return store.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM delivery WHERE sink_id = ? AND event_seq = ? AND state = 'pending'")) {
                delete.setString(1, sinkId);
                delete.setLong(2, seq);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records an outcome durably (group-committed).
     *
     * @return whether it applied: {@code false} if the row is no longer pending as the attempt found it
     */
    public Future<Boolean> record(Settlement settlement) {
        return settlements.submit(settlement);
    }

    private static List<Boolean> settle(Connection connection, List<Settlement> batch) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE delivery SET state = ?, attempts = ?, "
                + "next_attempt_at = ?, last_status = ?, last_detail = ?, updated_at = ? "
                + "WHERE sink_id = ? AND event_seq = ? AND state = 'pending' AND attempts = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO delivery_attempt (sink_id, event_seq, "
                     + "attempt, at, http_status, outcome, latency_ms, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Settlement settlement : batch) {
                Attempt attempt = settlement.attempt();
                update.setString(1, settlement.state());
                update.setInt(2, settlement.attempts());
                update.setLong(3, settlement.nextAttemptAt());
                update.setInt(4, settlement.httpStatus());
                update.setString(5, settlement.detail());
                update.setLong(6, attempt == null ? settlement.nextAttemptAt() : attempt.at());
                update.setString(7, settlement.sinkId());
                update.setLong(8, settlement.seq());
                update.setInt(9, settlement.attempts() - (attempt == null ? 0 : 1));
                update.addBatch();
                if (attempt != null) {
                    insert.setString(1, settlement.sinkId());
                    insert.setLong(2, settlement.seq());
                    insert.setInt(3, attempt.number());
                    insert.setLong(4, attempt.at());
                    insert.setInt(5, attempt.httpStatus());
                    insert.setString(6, attempt.outcome());
                    insert.setLong(7, attempt.latencyMs());
                    insert.setString(8, attempt.detail());
                    insert.addBatch();
                }
            }
            int[] updated = update.executeBatch();
            insert.executeBatch();
            List<Boolean> applied = new ArrayList<>(batch.size());
            for (int count : updated) {
                applied.add(count != 0);
            }
            return applied;
        }
    }

    /**
     * The newest deliveries of a sink with their attempts.
     *
     * @param state  only rows in this state, or {@code null} for all
     * @param before only events older than this sequence number (the {@code next} cursor), or {@code null}
     */
    public Future<JsonObject> deliveries(String sinkId, String state, Long before, int limit) {
        return store.read(connection -> {
            Map<Long, JsonObject> rows = new LinkedHashMap<>();
            StringBuilder sql = new StringBuilder("SELECT d.event_seq, e.id, e.type, e.conversation_id, e.created_at, "
                    + "d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_detail FROM delivery d "
                    + "JOIN outbox_event e ON e.seq = d.event_seq WHERE d.sink_id = ?");
            if (state != null) {
                sql.append(" AND d.state = ?");
            }
            if (before != null) {
                sql.append(" AND d.event_seq < ?");
            }
            sql.append(" ORDER BY d.event_seq DESC LIMIT ?");
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int index = 1;
                select.setString(index++, sinkId);
                if (state != null) {
                    select.setString(index++, state);
                }
                if (before != null) {
                    select.setLong(index++, before);
                }
                select.setInt(index, limit + 1);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        int lastStatus = row.getInt(9);
                        boolean noStatus = row.wasNull();
                        String rowState = row.getString(6);
                        rows.put(row.getLong(1), new JsonObject()
                                .put("eventId", row.getString(2))
                                .put("type", row.getString(3))
                                .put("conversationId", row.getString(4))
                                .put("createdAt", Instant.ofEpochMilli(row.getLong(5)).toString())
                                .put("state", rowState)
                                .put("attempts", row.getInt(7))
                                .put("nextAttemptAt", rowState.equals(PENDING)
                                        ? Instant.ofEpochMilli(row.getLong(8)).toString() : null)
                                .put("lastStatus", noStatus ? null : lastStatus)
                                .put("lastDetail", row.getString(10))
                                .put("history", new JsonArray()));
                    }
                }
            }
            // One row more than the page was read: if it came, the page's last row is the next cursor.
            List<Long> seqs = new ArrayList<>(rows.keySet());
            Long next = null;
            if (seqs.size() > limit) {
                rows.remove(seqs.get(limit));
                next = seqs.get(limit - 1);
            }
            if (!rows.isEmpty()) {
                attempts(connection, sinkId, rows);
            }
            return new JsonObject().put("deliveries", new JsonArray(new ArrayList<>(rows.values())))
                    .put("next", next == null ? null : String.valueOf(next));
        });
    }

    private static void attempts(Connection connection, String sinkId, Map<Long, JsonObject> rows) throws SQLException {
        long min = Collections.min(rows.keySet());
        long max = Collections.max(rows.keySet());
        try (PreparedStatement select = connection.prepareStatement("SELECT event_seq, attempt, at, http_status, outcome, "
                + "latency_ms, detail FROM delivery_attempt WHERE sink_id = ? AND event_seq BETWEEN ? AND ? ORDER BY id")) {
            select.setString(1, sinkId);
            select.setLong(2, min);
            select.setLong(3, max);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    JsonObject delivery = rows.get(row.getLong(1));
                    if (delivery != null) {
                        delivery.getJsonArray("history").add(new JsonObject()
                                .put("attempt", row.getInt(2))
                                .put("at", Instant.ofEpochMilli(row.getLong(3)).toString())
                                .put("httpStatus", row.getInt(4))
                                .put("outcome", row.getString(5))
                                .put("latencyMs", row.getLong(6))
                                .put("detail", row.getString(7)));
                    }
                }
            }
        }
    }

    /** A sink's dead letters, oldest first, to {@link #replay} them. */
    public Future<List<Replay>> deadLetters(String sinkId) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(REPLAY_COLUMNS + "FROM delivery d "
                    + "JOIN outbox_event e ON e.seq = d.event_seq WHERE d.sink_id = ? AND d.state = 'dead' "
                    + "ORDER BY d.event_seq")) {
                select.setString(1, sinkId);
                return replays(select);
            }
        });
    }

    /**
     * The events created in {@code [from, to)} that the sink subscribes to, whether delivered, dead or never
     * routed to the sink (created before it), oldest first, to {@link #replay} them.
     */
    public Future<List<Replay>> events(Sink sink, long from, long to) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(REPLAY_COLUMNS + "FROM outbox_event e "
                    + "WHERE e.created_at >= ? AND e.created_at < ? ORDER BY e.seq")) {
                select.setLong(1, from);
                select.setLong(2, to);
                return replays(select).stream().filter(replay -> sink.accepts(replay.type())).toList();
            }
        });
    }

    private static List<Replay> replays(PreparedStatement select) throws SQLException {
        List<Replay> replays = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                replays.add(new Replay(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getLong(6)));
            }
        }
        return replays;
    }

    /**
     * Delivers the events of {@code replays} to the sink again, with a fresh attempt budget: their deliveries
     * become pending, and those the sink never had are made.
     *
     * @param deadOnly only deliveries still dead (one another replay or an attempt did not settle since)
     * @return how many deliveries became pending
     */
    public Future<Integer> replay(String sinkId, List<Replay> replays, boolean deadOnly, long now) {
        if (replays.isEmpty()) {
            return Future.succeededFuture(0);
        }
        return store.write(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO delivery (sink_id, event_seq, "
                    + "order_key, state, attempts, next_attempt_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?) "
                    + "ON CONFLICT (sink_id, event_seq) DO UPDATE SET state = 'pending', attempts = 0, "
                    + "next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at"
                    + (deadOnly ? " WHERE delivery.state = 'dead'" : ""))) {
                for (Replay replay : replays) {
                    upsert.setString(1, sinkId);
                    upsert.setLong(2, replay.seq());
                    upsert.setString(3, replay.conversationId() == null ? replay.eventId() : replay.conversationId());
                    upsert.setLong(4, now);
                    upsert.setLong(5, now);
                    upsert.addBatch();
                }
                int count = 0;
                for (int changed : upsert.executeBatch()) {
                    count += Math.max(changed, 0);
                }
                return count;
            }
        });
    }

    /** Counts of a sink's rows by state. */
    public Future<JsonObject> counts(String sinkId) {
        return store.read(connection -> {
            JsonObject counts = new JsonObject().put(PENDING, 0).put(DELIVERED, 0).put(DEAD, 0);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT state, COUNT(*) FROM delivery WHERE sink_id = ? GROUP BY state")) {
                select.setString(1, sinkId);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        counts.put(row.getString(1), row.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    /**
     * Removes events created before {@code before} for which nothing is pending, with their deliveries
     * and attempts; completes with how many events were removed.
     */
    public Future<Integer> prune(long before) {
        return store.write(connection -> {
            String old = "SELECT seq FROM outbox_event WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM delivery p "
                    + "WHERE p.event_seq = outbox_event.seq AND p.state = 'pending')";
            for (String table : List.of("delivery_attempt", "delivery")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table
                        + " WHERE event_seq IN (" + old + ")")) {
                    delete.setLong(1, before);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox_event WHERE seq IN (" + old + ")")) {
                delete.setLong(1, before);
                return delete.executeUpdate();
            }
        });
    }
}
