package io.assisthost.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void opensInWalModeWithTheSchemaAndRollsBackFailedWrites() {
        Store store = SqliteStore.open(vertx, dataDir).await();
        String mode = store.read(connection -> single(connection, "PRAGMA journal_mode")).await();
        assertThat(mode).isEqualTo("wal");
        assertThat(store.read(connection -> single(connection, "SELECT MAX(version) FROM schema_version")).await())
                .isEqualTo(String.valueOf(Migrations.ALL.size()));
        Throwable failed = catchThrowable(() -> store.write(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO audit_log (id, at, kind, details, prev_hash, hash) "
                        + "VALUES (1, 'now', 'config', '{}', 'x', 'y')");
                statement.executeUpdate("INSERT INTO no_such_table VALUES (1)");
            }
            return null;
        }).await());
        assertThat(failed).isInstanceOf(StoreException.class).hasMessageContaining("no_such_table");
        assertThat(store.read(connection -> single(connection, "SELECT COUNT(*) FROM audit_log")).await()).isEqualTo("0");
        store.close().await();
        assertThat(store.isOpen()).isFalse();
        assertThat(catchThrowable(() -> store.read(connection -> null).await())).hasMessageContaining("closed");
    }

    @Test
    void writesWaitingTogetherShareOneTransactionAndAFailingOneIsUndoneAlone() throws Exception {
        SqliteStore store = (SqliteStore) SqliteStore.open(vertx, dataDir).await();
        long commitsBefore = store.commits();
        List<Future<Integer>> writes = writtenTogether(store, 50, 25, () -> {
            throw new SQLException("write 25 fails after its insert");
        });

        for (int i = 1; i <= 50; i++) {
            Future<Integer> write = writes.get(i - 1);
            if (i == 25) {
                assertThat(write.failed()).isTrue();
                assertThat(write.cause()).isInstanceOf(StoreException.class).hasMessageContaining("write 25 fails");
            } else {
                assertThat(write.result()).isEqualTo(i);
            }
        }
        assertThat(store.read(connection -> single(connection, "SELECT COUNT(*) FROM audit_log")).await()).isEqualTo("49");
        assertThat(store.read(connection -> single(connection, "SELECT COUNT(*) FROM audit_log WHERE id = 25")).await())
                .isEqualTo("0");
        assertThat(store.commits() - commitsBefore).as("transactions: the holding write's, then one for the 50 queued")
                .isEqualTo(2);
        store.close().await();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aWriteWhoseWorkThrowsAnErrorIsUndoneAloneAndEveryWriteIsAnswered() throws Exception {
        SqliteStore store = (SqliteStore) SqliteStore.open(vertx, dataDir).await();
        List<Future<Integer>> writes = writtenTogether(store, 3, 2, () -> {
            throw new StackOverflowError("write 2 overflows after its insert");
        });

        assertThat(writes.get(0).result()).isEqualTo(1);
        assertThat(writes.get(1).cause()).isInstanceOf(StoreException.class).hasMessageContaining("write 2 overflows")
                .hasCauseInstanceOf(StackOverflowError.class);
        assertThat(writes.get(2).result()).isEqualTo(3);
        assertThat(store.read(connection -> single(connection, "SELECT GROUP_CONCAT(id) FROM audit_log")).await())
                .isEqualTo("1,3");
        assertThat(store.write(connection -> {
            insertAuditRow(connection, 4);
            return 4;
        }).await()).as("the store goes on").isEqualTo(4);
        store.close().await();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aReadWhoseWorkThrowsAnErrorIsAnswered() {
        SqliteStore store = (SqliteStore) SqliteStore.open(vertx, dataDir).await();
        Future<String> read = store.read(connection -> {
            throw new StackOverflowError("the read overflows");
        });

        assertThat(catchThrowable(read::await)).isInstanceOf(StoreException.class).hasMessageContaining("the read overflows")
                .hasCauseInstanceOf(StackOverflowError.class);
        assertThat(store.read(connection -> single(connection, "SELECT COUNT(*) FROM audit_log")).await())
                .as("the store goes on").isEqualTo("0");
        store.close().await();
    }

    @Test
    void writesRunTheirStatementsAndSavepointsWithoutCompilingThemAgain() {
        SqliteStore store = (SqliteStore) SqliteStore.open(vertx, dataDir).await();
        for (int i = 1; i <= 20; i++) {
            int id = i;
            store.write(connection -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log "
                        + "(id, at, kind, details, prev_hash, hash) VALUES (?, 'now', 'config', '{}', 'x', 'y')")) {
                    insert.setInt(1, id);
                    return insert.executeUpdate();
                }
            }).await();
        }
        assertThat(store.read(connection -> single(connection, "SELECT COUNT(*) FROM audit_log")).await()).isEqualTo("20");
        assertThat(store.statementsPrepared()).as("SAVEPOINT, RELEASE and the insert, once each").isEqualTo(3);
        store.close().await();
    }

    @Test
    void aWriteThatFillsTheDiskFailsWithTheOthersOfItsTransactionAndNothingAcknowledgedIsLost() throws Exception {
        SqliteStore.open(vertx, dataDir).await().close().await();
        long schemaOnly = Files.size(dataDir.resolve(SqliteStore.FILE_NAME));
        // Room for some of the rows below, not all.
        Store store = SqliteStore.open(vertx, dataDir, schemaOnly + 64 * 1024).await();
        List<Future<Integer>> writes = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            // Small rows and, now and then, one too large for the room left, all queued at once.
            for (int i = 0; i < 10; i++) {
                int id = round * 10 + i + 1;
                writes.add(store.write(connection -> {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log "
                            + "(id, at, kind, details, prev_hash, hash) VALUES (?, 'now', 'config', ?, 'x', 'y')")) {
                        insert.setInt(1, id);
                        insert.setString(2, "x".repeat(id % 7 == 0 ? 20_000 : 100));
                        insert.executeUpdate();
                    }
                    return id;
                }));
            }
        }
        Future.join(writes).otherwiseEmpty().await();
        store.close().await();

        List<Integer> acknowledged = writes.stream().filter(Future::succeeded).map(Future::result).toList();
        assertThat(writes).as("some writes fail for want of room").anyMatch(Future::failed);
        writes.stream().filter(Future::failed)
                .forEach(write -> assertThat(write.cause()).isInstanceOf(StoreFull.class));
        Store reopened = SqliteStore.open(vertx, dataDir).await();
        List<Integer> stored = reopened.read(connection -> {
            List<Integer> ids = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id FROM audit_log ORDER BY id")) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
            return ids;
        }).await();
        assertThat(stored).as("exactly the acknowledged writes").containsExactlyElementsOf(acknowledged);
        reopened.close().await();
    }

    @Test
    void refusesADatabaseWrittenByANewerHost() throws SQLException {
        SqliteStore.open(vertx, dataDir).await().close().await();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO schema_version VALUES (99, 'V99__future.sql', 'later')");
        }
        Throwable refused = catchThrowable(() -> SqliteStore.open(vertx, dataDir).await());
        assertThat(refused).isInstanceOf(StoreException.class).hasMessageContaining("newer host");
    }

    /** What a write's work throws. */
    @FunctionalInterface
    private interface Failure {
        void raise() throws SQLException;
    }

    /**
     * Writes audit rows 1 to {@code count}, each in a write of its own, queued behind a write that holds the
     * store thread so that they run in one transaction; write {@code failing} raises {@code failure} after its
     * insert. Waits until every write is answered.
     */
    private static List<Future<Integer>> writtenTogether(SqliteStore store, int count, int failing, Failure failure)
            throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> held = store.write(connection -> {
            holding.countDown();
            await(release);
            return null;
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int id = i;
            writes.add(store.write(connection -> {
                insertAuditRow(connection, id);
                if (id == failing) {
                    failure.raise();
                }
                return id;
            }));
        }
        release.countDown();
        held.await();
        Future.join(writes).otherwiseEmpty().await();
        return writes;
    }

    private static void insertAuditRow(Connection connection, int id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO audit_log (id, at, kind, details, prev_hash, hash) VALUES (" + id
                    + ", 'now', 'config', '{}', 'x', 'y')");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
