package io.assisthost.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
    void refusesADatabaseWrittenByANewerHost() throws SQLException {
        SqliteStore.open(vertx, dataDir).await().close().await();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO schema_version VALUES (99, 'V99__future.sql', 'later')");
        }
        Throwable refused = catchThrowable(() -> SqliteStore.open(vertx, dataDir).await());
        assertThat(refused).isInstanceOf(StoreException.class).hasMessageContaining("newer host");
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
