package io.assisthost.host.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite store: one connection, used only by the {@code assist-store} thread. WAL mode lets the
 * writer append without rewriting pages; {@code synchronous=FULL} makes every committed transaction
 * survive a crash of the process and of the machine, so what the host acknowledged is on disk.
 *
 * <p>When the disk is full, or the database has reached {@code data.maxSizeMb}, a write fails with
 * {@link StoreFull} (503) and is rolled back whole, so nothing half-written is acknowledged; reads go on
 * working, and writes succeed again once there is room.
 */
public final class SqliteStore implements Store {

    /** The database file in the data directory. */
    public static final String FILE_NAME = "assist.db";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    private final Vertx vertx;
    private final ExecutorService thread;
    private final Connection connection;
    private volatile boolean open = true;
    private boolean full;

    private final Path dataDir;

    private SqliteStore(Vertx vertx, ExecutorService thread, Connection connection, Path dataDir) {
        this.vertx = vertx;
        this.thread = thread;
        this.connection = connection;
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
                Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME));
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
        return run(() -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                if (full) {
                    full = false;
                    LOG.info("The store accepts writes again");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBack(e);
                if (StoreFull.isCause(e)) {
                    if (!full) {
                        full = true;
                        LOG.warn("The data directory {} is full ({}): changes are refused until there is room",
                                dataDir, e.getMessage());
                    }
                    throw new StoreFull(e);
                }
                throw e;
            } finally {
                endTransaction();
            }
        });
    }

    /**
     * SQLite ends a transaction itself after some failures (a full disk among them), and then has none to
     * roll back: that is no new failure.
     */
    private void rollBack(Exception failure) {
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
        return run(() -> work.run(connection));
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
                }
            });
        } catch (RejectedExecutionException e) {
            return Future.failedFuture(new StoreException("the store is closed", e));
        }
        return Future.fromCompletionStage(result, vertx.getOrCreateContext());
    }
}
