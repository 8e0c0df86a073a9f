package io.assisthost.host.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The least a durable answer costs, for {@link LoadBound}: one row per record in one table without an index,
 * written by one thread that commits whatever has queued in one transaction, synced to disk as the host's
 * store is ({@code journal_mode=WAL}, {@code synchronous=FULL}), each record's future completed on its caller's
 * context after the commit.
 */
final class BoundJournal {

    private record Pending(String conversationId, String payload, Context context, Promise<Void> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Connection connection;
    private volatile SQLException failed;

    BoundJournal(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("bound.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("CREATE TABLE IF NOT EXISTS record (seq INTEGER PRIMARY KEY,"
                    + " conversation_id TEXT NOT NULL, payload TEXT NOT NULL)");
        }
        connection.setAutoCommit(false);
        Thread writer = new Thread(this::write, "bound-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /** Completes on the caller's context once the record is committed. */
    Future<Void> append(Context context, String conversationId, String payload) {
        if (failed != null) {
            return Future.failedFuture(failed);
        }
        Promise<Void> done = Promise.promise();
        Pending pending = new Pending(conversationId, payload, context, done);
        queue.add(pending);
        // Failed since the check: the writer may have drained the queue before this record arrived.
        if (failed != null && queue.remove(pending)) {
            done.fail(failed);
        }
        return done.future();
    }

    private void write() {
        List<Pending> batch = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO record (conversation_id, payload) VALUES (?, ?)")) {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                for (Pending pending : batch) {
                    insert.setString(1, pending.conversationId());
                    insert.setString(2, pending.payload());
                    insert.executeUpdate();
                }
                connection.commit();
                for (Pending pending : batch) {
                    pending.context().runOnContext(v -> pending.done().complete());
                }
                batch.clear();
            }
        } catch (SQLException e) {
            // Nothing is written after a failure: what waits, and what comes later, fails with it.
            failed = e;
            queue.drainTo(batch);
            batch.forEach(pending -> pending.context().runOnContext(v -> pending.done().fail(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
