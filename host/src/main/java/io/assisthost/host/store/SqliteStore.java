package io.assisthost.host.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite store: one connection, used only by the {@code assist-store} thread. WAL mode lets the
 * writer append without rewriting pages; {@code synchronous=FULL} makes every committed transaction
 * survive a crash of the process and of the machine, so what the host acknowledged is on disk.
 *
 * <p>Writes that wait for the store thread together share one transaction, each in its own savepoint
 * (a failing one is undone alone): a recommendation's audit entry and webhook event, and whatever else
 * arrived meanwhile, then cost one fsync instead of one each. Statements are compiled once and kept
 * ({@link StatementCache}).
 *
 * <p>When the disk is full, or the database has reached {@code data.maxSizeMb}, a write fails with
 * {@link StoreFull} (503) and is rolled back whole, so nothing half-written is acknowledged; reads go on
 * working, and writes succeed again once there is room.
 */
public final class SqliteStore implements Store {

    /** The database file in the data directory. */
    public static final String FILE_NAME = "assist.db";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    /** The most writes one transaction takes, so that a long queue still gets answers as it goes. */
    private static final int MAX_BATCH = 512;

    /** More distinct statements than the host's own SQL and its audit query's filter combinations. */
    private static final int STATEMENTS_KEPT = 128;

    private final Vertx vertx;
    private final ExecutorService thread;
    private final Connection connection;
    private final StatementCache statements;
    private final Queue<Write<?>> writes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writesScheduled = new AtomicBoolean();
    private volatile boolean open = true;
    // Store thread only.
    private boolean full;
    private final AtomicLong commits = new AtomicLong();

    private final Path dataDir;

    private SqliteStore(Vertx vertx, ExecutorService thread, Connection connection, Path dataDir) {
        this.vertx = vertx;
        this.thread = thread;
        this.connection = connection;
        this.statements = new StatementCache(connection, STATEMENTS_KEPT);
        this.dataDir = dataDir;
    }

    /** Opens (creating if needed) the store in a data directory and migrates its schema. */
    public static Future<Store> open(Vertx vertx, Path dataDir) {
        return open(vertx, dataDir, 0);
    }

    /**
     * Opens the store, which refuses writes that would make the database larger than {@code maxBytes}
     * as it refuses them on a full disk ({@code 0}: no limit but the disk's).
     */
    public static Future<Store> open(Vertx vertx, Path dataDir, long maxBytes) {
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread named = new Thread(runnable, "assist-store");
            named.setDaemon(true);
            return named;
        });
        CompletableFuture<Store> opened = CompletableFuture.supplyAsync(() -> {
            try {
                Files.createDirectories(dataDir);
                SQLiteConfig config = new SQLiteConfig();
                // Keys come from RETURNING: otherwise the driver compiles and runs a query after every INSERT.
                config.setGetGeneratedKeys(false);
                Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME),
                        config.toProperties());
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA journal_mode=WAL");
                    statement.execute("PRAGMA synchronous=FULL");
                    statement.execute("PRAGMA foreign_keys=ON");
                    statement.execute("PRAGMA busy_timeout=5000");
                    if (maxBytes > 0) {
                        limitSize(statement, maxBytes);
                    }
                }
                int version = Migrations.apply(connection);
                LOG.info("Store open at {} (schema version {})", dataDir.resolve(FILE_NAME), version);
                return new SqliteStore(vertx, thread, connection, dataDir);
            } catch (SQLException | IOException e) {
                thread.shutdown();
                throw new StoreException("cannot open the store in " + dataDir + ": " + e.getMessage(), e);
            }
        }, thread);
        return Future.fromCompletionStage(opened, vertx.getOrCreateContext())
                .recover(failure -> Future.failedFuture(failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure));
    }

    private static void limitSize(Statement statement, long maxBytes) throws SQLException {
        try (ResultSet pageSize = statement.executeQuery("PRAGMA page_size")) {
            pageSize.next();
            long pages = Math.max(1, maxBytes / pageSize.getLong(1));
            // SQLite keeps the current size when asked for less: a database already larger only stops growing.
            statement.execute("PRAGMA max_page_count=" + pages);
        }
    }

    @Override
    public <T> Future<T> write(Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        writes.add(new Write<>(work, result));
        scheduleWrites();
        return Future.fromCompletionStage(result, vertx.getOrCreateContext());
    }

    /** A write waiting for the store thread, and where its outcome goes. */
    private record Write<T>(Work<T> work, CompletableFuture<T> result) {

        /** Runs the work; completes nothing yet, as its outcome is only known once the transaction commits. */
        Object run(Connection connection) throws SQLException {
            return work.run(connection);
        }

        @SuppressWarnings("unchecked")
        void succeed(Object value) {
            result.complete((T) value);
        }
    }

    private void scheduleWrites() {
        if (writes.isEmpty() || !writesScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            thread.execute(this::writeQueued);
        } catch (RejectedExecutionException closed) {
            writesScheduled.set(false);
            Write<?> write;
            while ((write = writes.poll()) != null) {
                write.result().completeExceptionally(new StoreException("the store is closed", closed));
            }
        }
    }

    /**
     * Runs the writes queued so far in one transaction, each in a savepoint of its own: a write that fails
     * is rolled back alone, the others commit together, and the commit (an fsync) serves all of them.
     */
    private void writeQueued() {
        writesScheduled.set(false);
        List<Write<?>> batch = new ArrayList<>();
        Write<?> next;
        while (batch.size() < MAX_BATCH && (next = writes.poll()) != null) {
            batch.add(next);
        }
        scheduleWrites();
        if (batch.isEmpty()) {
            return;
        }
        Object[] results = new Object[batch.size()];
        Throwable[] failures = new Throwable[batch.size()];
        for (int from = 0; from < batch.size(); ) {
            from = transaction(batch, from, results, failures);
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failures[i] == null) {
                batch.get(i).succeed(results[i]);
            } else {
                batch.get(i).result().completeExceptionally(failure(failures[i]));
            }
        }
    }

    /**
     * Runs writes from {@code from} on in one transaction, until the end or until SQLite ends the
     * transaction itself (as after a full disk): the writes of a lost transaction fail, and the next ones
     * get a transaction of their own, so that every write is run once and answered.
     *
     * @return where the next transaction starts
     */
    private int transaction(List<Write<?>> batch, int from, Object[] results, Throwable[] failures) {
        int i = from;
        try {
            connection.setAutoCommit(false);
            for (; i < batch.size(); i++) {
                execute("SAVEPOINT write");
                try {
                    results[i] = batch.get(i).run(statements.connection());
                    execute("RELEASE write");
                } catch (SQLException | RuntimeException | Error e) {
                    // Errors too (a stack overflow in some work): escaping, they would leave the batch unanswered,
                    // and restoring auto-commit on the way out would commit the half-done work.
                    failures[i] = e;
                    if (!undone(e)) {
                        throw e;
                    }
                }
            }
            connection.commit();
            commits.incrementAndGet();
            if (full) {
                full = false;
                LOG.info("The store accepts writes again");
            }
            return batch.size();
        } catch (SQLException | RuntimeException | Error e) {
            // Nothing of the transaction stays: every write it ran fails.
            rollBack(e);
            int last = Math.min(i, batch.size() - 1);
            for (int j = from; j <= last; j++) {
                failures[j] = failures[j] == null ? e : failures[j];
            }
            return last + 1;
        } finally {
            endTransaction();
        }
    }

    private void execute(String sql) throws SQLException {
        try (PreparedStatement statement = statements.prepare(sql)) {
            statement.execute();
        }
    }

    /** Undoes one write; false when SQLite has ended the whole transaction itself, as after a full disk. */
    private boolean undone(Throwable failure) {
        try {
            execute("ROLLBACK TO write");
            execute("RELEASE write");
            return true;
        } catch (SQLException transactionGone) {
            failure.addSuppressed(transactionGone);
            return false;
        }
    }

    /** What a failed write's caller gets: {@link StoreFull} for want of room, else the failure itself. */
    private RuntimeException failure(Throwable e) {
        if (StoreFull.isCause(e)) {
            if (!full) {
                full = true;
                LOG.warn("The data directory {} is full ({}): changes are refused until there is room",
                        dataDir, e.getMessage());
            }
            return new StoreFull(e);
        }
        return e instanceof RuntimeException runtime ? runtime : new StoreException(e.getMessage(), e);
    }

    /** How many transactions have committed writes; tells how many writes each fsync served. */
    long commits() {
        return commits.get();
    }

    /** How many statements SQLite has compiled for work and savepoints; tells whether they are kept. */
    long statementsPrepared() {
        return statements.prepared();
    }

    /**
     * SQLite ends a transaction itself after some failures (a full disk among them), and then has none to
     * roll back: that is no new failure.
     */
    private void rollBack(Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException noTransaction) {
            failure.addSuppressed(noTransaction);
        }
    }

    private void endTransaction() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException noTransaction) {
            // The driver is back in auto-commit mode before it commits: with no transaction left, nothing to do.
            LOG.debug("No transaction to end: {}", noTransaction.getMessage());
        }
    }

    @Override
    public <T> Future<T> read(Work<T> work) {
        return run(() -> work.run(statements.connection()));
    }

    /** Blocking work on the store thread. */
    @FunctionalInterface
    private interface Blocking<T> {
        T call() throws SQLException;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Future<Void> close() {
        open = false;
        Future<Void> closed = run(() -> {
            statements.close();
            connection.close();
            return null;
        });
        return closed.eventually(() -> {
            thread.shutdown();
            return Future.succeededFuture();
        });
    }

    private <T> Future<T> run(Blocking<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (SQLException e) {
                    result.completeExceptionally(new StoreException(e.getMessage(), e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                } catch (Error e) {
                    // As for writes: escaping, it would leave the read unanswered.
                    result.completeExceptionally(new StoreException(String.valueOf(e.getMessage()), e));
                }
            });
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(new StoreException("the store is closed", e));
        }
        return Future.fromCompletionStage(result, vertx.getOrCreateContext());
    }
}
