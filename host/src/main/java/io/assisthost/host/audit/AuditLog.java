package io.assisthost.host.audit;

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

/**
 * The audit log: append, query, verify, prune. Entries are never updated; pruning removes the oldest
 * ones and records the last removed entry's hash as a checkpoint, from which verification starts.
 *
 * <p>Appends are group-committed ({@link GroupCommit}); an append completes once its entry is on disk.
 */
public final class AuditLog {

    private static final String COLUMNS = "id, at, kind, actor, conversation_id, action, subject, details, prev_hash, hash";

    /** An entry waiting for the next transaction, its hash's input made but for the id and the predecessor. */
    private record Pending(AuditRecord record, String at, String details, String body) {
    }

    private final Store store;
    private final Clock clock;
    private final GroupCommit<Pending, JsonObject> appends;

    public AuditLog(Vertx vertx, Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.appends = new GroupCommit<>(vertx, store, AuditLog::insert);
    }

    /** Appends an entry chained to the last one; completes with the entry once it is on disk. */
    public Future<JsonObject> append(AuditRecord record) {
        String at = clock.instant().toString();
        String details = record.details().encode();
        return appends.submit(new Pending(record, at, details, AuditChain.body(at, record.kind(), record.actor(),
                record.conversationId(), record.action(), record.subject(), details)));
    }

    private static List<JsonObject> insert(Connection connection, List<Pending> batch) throws SQLException {
        long[] lastId = {0};
        String previous = last(connection, lastId);
        List<JsonObject> stored = new ArrayList<>(batch.size());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long id = lastId[0];
            for (Pending pending : batch) {
                AuditRecord record = pending.record();
                id++;
                String hash = AuditChain.hash(id, pending.body(), previous);
                insert.setLong(1, id);
                insert.setString(2, pending.at());
                insert.setString(3, record.kind());
                insert.setString(4, record.actor());
                insert.setString(5, record.conversationId());
                insert.setString(6, record.action());
                insert.setString(7, record.subject());
                insert.setString(8, pending.details());
                insert.setString(9, previous);
                insert.setString(10, hash);
                insert.addBatch();
                stored.add(entry(id, pending.at(), record.kind(), record.actor(), record.conversationId(), record.action(),
                        record.subject(), record.details().copy(), previous, hash));
                previous = hash;
            }
            insert.executeBatch();
        }
        return stored;
    }

    /** A page of entries, newest first, with the cursor of the next page ({@code null} at the end). */
    public Future<JsonObject> query(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE 1 = 1");
        List<Object> arguments = new ArrayList<>();
        condition(sql, arguments, "conversation_id = ?", query.conversationId());
        condition(sql, arguments, "action = ?", query.action());
        condition(sql, arguments, "kind = ?", query.kind());
        condition(sql, arguments, "at >= ?", query.from() == null ? null : query.from().toString());
        condition(sql, arguments, "at < ?", query.to() == null ? null : query.to().toString());
        condition(sql, arguments, "id < ?", query.before());
        sql.append(" ORDER BY id DESC LIMIT ?");
        arguments.add(query.limit() + 1);
        return store.read(connection -> {
            JsonArray entries = new JsonArray();
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < arguments.size(); i++) {
                    select.setObject(i + 1, arguments.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(entry(rows));
                    }
                }
            }
            String next = null;
            if (entries.size() > query.limit()) {
                entries.remove(entries.size() - 1);
                next = String.valueOf(entries.getJsonObject(entries.size() - 1).getLong("id"));
            }
            return new JsonObject().put("entries", entries).put("next", next);
        });
    }

    /**
     * Recomputes the chain from the checkpoint (or the first entry) to the last entry.
     *
     * @return {@code valid}, the number of {@code entries} checked, and for a broken chain
     *     {@code brokenAt} (the first entry whose content or link does not match) and the {@code reason}
     */
    public Future<JsonObject> verify() {
        return store.read(connection -> {
            long[] checkpointId = {0};
            String expectedPrevious = checkpoint(connection, checkpointId);
            long expectedId = checkpointId[0] + 1;
            long checked = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong("id");
                    String reason = check(rows, id, expectedId, expectedPrevious);
                    if (reason != null) {
                        return new JsonObject().put("valid", false).put("entries", checked).put("brokenAt", id)
                                .put("reason", reason);
                    }
                    checked++;
                    expectedPrevious = rows.getString("hash");
                    expectedId = id + 1;
                }
            }
            return new JsonObject().put("valid", true).put("entries", checked).put("brokenAt", null)
                    .put("from", checkpointId[0] + 1);
        });
    }

    /** Removes entries older than {@code before}, keeping the chain verifiable; completes with how many. */
    public Future<Integer> prune(Instant before) {
        return store.write(connection -> {
            long lastId = 0;
            String lastHash = null;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, hash FROM audit_log WHERE at < ? ORDER BY id DESC LIMIT 1")) {
                select.setString(1, before.toString());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return 0;
                    }
                    lastId = row.getLong(1);
                    lastHash = row.getString(2);
                }
            }
            int removed;
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM audit_log WHERE id <= ?")) {
                delete.setLong(1, lastId);
                removed = delete.executeUpdate();
            }
            try (PreparedStatement checkpoint = connection.prepareStatement("INSERT INTO audit_checkpoint "
                    + "(singleton, last_id, last_hash, pruned_at) VALUES (1, ?, ?, ?) ON CONFLICT (singleton) DO UPDATE "
                    + "SET last_id = excluded.last_id, last_hash = excluded.last_hash, pruned_at = excluded.pruned_at")) {
                checkpoint.setLong(1, lastId);
                checkpoint.setString(2, lastHash);
                checkpoint.setString(3, clock.instant().toString());
                checkpoint.executeUpdate();
            }
            return removed;
        });
    }

    private static String check(ResultSet row, long id, long expectedId, String expectedPrevious) throws SQLException {
        if (id != expectedId) {
            return "entry " + expectedId + " is missing";
        }
        if (!row.getString("prev_hash").equals(expectedPrevious)) {
            return "the link to the previous entry does not match";
        }
        String recomputed = AuditChain.hash(id, AuditChain.body(row.getString("at"), row.getString("kind"),
                row.getString("actor"), row.getString("conversation_id"), row.getString("action"), row.getString("subject"),
                row.getString("details")), row.getString("prev_hash"));
        return recomputed.equals(row.getString("hash")) ? null : "the content does not match its hash";
    }

    /** The last entry's hash (and id), else the checkpoint's, else the genesis hash. */
    private static String last(Connection connection, long[] lastId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
             ResultSet row = select.executeQuery()) {
            if (row.next()) {
                lastId[0] = row.getLong(1);
                return row.getString(2);
            }
        }
        return checkpoint(connection, lastId);
    }

    private static String checkpoint(Connection connection, long[] id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT last_id, last_hash FROM audit_checkpoint");
             ResultSet row = select.executeQuery()) {
            if (row.next()) {
                id[0] = row.getLong(1);
                return row.getString(2);
            }
        }
        id[0] = 0;
        return AuditChain.GENESIS;
    }

    private static void condition(StringBuilder sql, List<Object> arguments, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            arguments.add(value);
        }
    }

    private static JsonObject entry(ResultSet row) throws SQLException {
        return entry(row.getLong("id"), row.getString("at"), row.getString("kind"), row.getString("actor"),
                row.getString("conversation_id"), row.getString("action"), row.getString("subject"),
                new JsonObject(row.getString("details")), row.getString("prev_hash"), row.getString("hash"));
    }

    private static JsonObject entry(long id, String at, String kind, String actor, String conversationId, String action,
                                    String subject, JsonObject details, String previous, String hash) {
        return new JsonObject().put("id", id).put("at", at).put("kind", kind).put("actor", actor)
                .put("conversationId", conversationId).put("action", action).put("subject", subject)
                .put("details", details).put("previousHash", previous).put("hash", hash);
    }
}
