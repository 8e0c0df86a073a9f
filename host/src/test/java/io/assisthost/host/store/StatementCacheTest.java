package io.assisthost.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {

    private static final String INSERT = "INSERT INTO item (name) VALUES (?)";

    @TempDir
    Path dir;

    private Connection raw;
    private StatementCache cache;

    @BeforeEach
    void open() throws SQLException {
        raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("cache.db"));
        try (Statement statement = raw.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        }
        cache = new StatementCache(raw, 3);
    }

    @AfterEach
    void close() throws SQLException {
        cache.close();
        raw.close();
    }

    @Test
    void theSameSqlIsCompiledOnceAndComesBackWithNoParametersOrBatch() throws SQLException {
        Connection connection = cache.connection();
        PreparedStatement first;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            first = insert.unwrap(PreparedStatement.class);
            insert.setString(1, "a");
            insert.addBatch();
            insert.setString(1, "b");
            insert.addBatch();
            insert.executeBatch();
            // Left bound and batched when given back: neither may reach the next user.
            insert.setString(1, "left over");
            insert.addBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            assertThat(insert.unwrap(PreparedStatement.class)).isSameAs(first);
            assertThat(insert.executeBatch()).isEmpty();
            Throwable unbound = catchThrowable(insert::executeUpdate);
            assertThat(unbound).isInstanceOf(SQLException.class).hasMessageContaining("NOT NULL");
        }
        assertThat(cache.prepared()).isEqualTo(1);
        assertThat(names()).isEqualTo("a,b");
    }

    @Test
    void anInsertReturningItsKeyIsKeptLikeAnyOther() throws SQLException {
        Connection connection = cache.connection();
        for (int expected = 1; expected <= 3; expected++) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT + " RETURNING id")) {
                insert.setString(1, "keyed " + expected);
                try (ResultSet key = insert.executeQuery()) {
                    assertThat(key.next()).isTrue();
                    assertThat(key.getLong(1)).isEqualTo(expected);
                }
            }
        }
        assertThat(cache.prepared()).isEqualTo(1);
    }

    @Test
    void aLoanClosedStaysClosedWhenTheStatementIsLentAgain() throws SQLException {
        Connection connection = cache.connection();
        PreparedStatement first = connection.prepareStatement(INSERT);
        first.close();
        PreparedStatement second = connection.prepareStatement(INSERT);
        assertThat(first.isClosed()).isTrue();
        assertThat(catchThrowable(() -> first.setString(1, "late"))).isInstanceOf(SQLException.class)
                .hasMessageContaining("closed");
        first.close();
        // A late close of the first loan must not give back the second.
        PreparedStatement third = connection.prepareStatement(INSERT);
        assertThat(third.unwrap(PreparedStatement.class)).isNotSameAs(second.unwrap(PreparedStatement.class));
        second.setString(1, "second");
        assertThat(second.executeUpdate()).isEqualTo(1);
        third.close();
        second.close();
        assertThat(first).isNotEqualTo(second).isEqualTo(first);
    }

    @Test
    void theSameSqlNestedInOneWorkGetsAStatementOfItsOwn() throws SQLException {
        Connection connection = cache.connection();
        try (PreparedStatement outer = connection.prepareStatement("SELECT name FROM item WHERE id > ?")) {
            PreparedStatement nested = connection.prepareStatement("SELECT name FROM item WHERE id > ?");
            assertThat(nested.unwrap(PreparedStatement.class)).isNotSameAs(outer.unwrap(PreparedStatement.class));
            nested.close();
            assertThat(nested.isClosed()).as("a statement made for one nested use is closed with it").isTrue();
            assertThat(outer.isClosed()).isFalse();
        }
        try (PreparedStatement again = connection.prepareStatement("SELECT name FROM item WHERE id > ?")) {
            assertThat(again.isClosed()).isFalse();
        }
        assertThat(cache.prepared()).isEqualTo(2);
    }

    @Test
    void theLeastRecentlyUsedStatementsAreClosedBeyondTheCapacity() throws SQLException {
        Connection connection = cache.connection();
        PreparedStatement oldest = use(connection, "SELECT 1");
        PreparedStatement used = use(connection, "SELECT 2");
        use(connection, "SELECT 3");
        assertThat(use(connection, "SELECT 2")).isSameAs(used);
        use(connection, "SELECT 4");
        assertThat(oldest.isClosed()).as("SELECT 1, the least recently used of four, over a capacity of three").isTrue();
        assertThat(used.isClosed()).isFalse();
        assertThat(use(connection, "SELECT 1")).isNotSameAs(oldest);
        assertThat(cache.prepared()).isEqualTo(5);
    }

    @Test
    void aStatementGivenBackWithItsRowsHalfReadHoldsNoReadSnapshot() throws SQLException {
        insertThree();
        PreparedStatement select = cache.connection().prepareStatement("SELECT name FROM item ORDER BY id");
        ResultSet rows = select.executeQuery();
        assertThat(rows.next()).isTrue();
        // Only the statement is closed, as JDBC allows: its result set goes with it.
        select.close();
        assertThat(rows.isClosed()).isTrue();
        assertThat(checkpointBlocked()).isFalse();
    }

    @Test
    void aQueryRunByExecuteAndNeverReadHoldsNoReadSnapshot() throws SQLException {
        insertThree();
        try (PreparedStatement select = cache.connection().prepareStatement("SELECT name FROM item ORDER BY id")) {
            assertThat(select.execute()).isTrue();
        }
        assertThat(checkpointBlocked()).isFalse();
    }

    @Test
    void aPendingStatementWouldBlockTheCheckpoint() throws SQLException {
        // What the two tests above rely on: without the reset, the checkpoint could not complete.
        insertThree();
        try (PreparedStatement select = raw.prepareStatement("SELECT name FROM item ORDER BY id")) {
            ResultSet rows = select.executeQuery();
            assertThat(rows.next()).isTrue();
            assertThat(checkpointBlocked()).isTrue();
        }
    }

    @Test
    void closingClosesEveryKeptStatementAndOneStillInUseWhenItIsGivenBack() throws SQLException {
        Connection connection = cache.connection();
        PreparedStatement idle = use(connection, "SELECT 1");
        PreparedStatement lent = connection.prepareStatement("SELECT 2");
        PreparedStatement underLent = lent.unwrap(PreparedStatement.class);
        cache.close();
        assertThat(idle.isClosed()).isTrue();
        assertThat(underLent.isClosed()).as("still in use").isFalse();
        lent.close();
        assertThat(underLent.isClosed()).as("closed once given back").isTrue();
    }

    @Test
    void aStatementTheDriverFinalizedAfterAFullDiskIsCompiledAgain() throws SQLException {
        Connection connection = cache.connection();
        try (Statement statement = raw.createStatement()) {
            statement.execute("PRAGMA max_page_count=" + pageCount());
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, "x".repeat(100_000));
            assertThat(catchThrowable(insert::executeUpdate)).hasMessageContaining("SQLITE_FULL");
        }
        try (Statement statement = raw.createStatement()) {
            statement.execute("PRAGMA max_page_count=1000000");
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, "after");
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        assertThat(cache.prepared()).as("compiled again: the driver had finalized the first").isEqualTo(2);
        assertThat(names()).isEqualTo("after");
    }

    @Test
    void workCannotCloseTheStoresConnection() {
        assertThat(catchThrowable(() -> cache.connection().close()))
                .isInstanceOf(SQLException.class).hasMessageContaining("closed by the store");
    }

    /** Prepares, runs and gives back a statement; returns the driver's statement behind it. */
    private static PreparedStatement use(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
            }
            return statement.unwrap(PreparedStatement.class);
        }
    }

    private void insertThree() throws SQLException {
        try (Statement statement = raw.createStatement()) {
            statement.executeUpdate("INSERT INTO item (name) VALUES ('a'), ('b'), ('c')");
        }
    }

    /**
     * Whether a truncating checkpoint was kept from completing, as a statement of the same connection still
     * reading keeps it (SQLite refuses it as locked).
     */
    private boolean checkpointBlocked() throws SQLException {
        try (Statement statement = raw.createStatement();
             ResultSet checkpoint = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            checkpoint.next();
            return checkpoint.getInt(1) != 0;
        } catch (SQLException locked) {
            if (locked.getMessage().contains("SQLITE_LOCKED")) {
                return true;
            }
            throw locked;
        }
    }

    private int pageCount() throws SQLException {
        try (Statement statement = raw.createStatement();
             ResultSet pages = statement.executeQuery("PRAGMA page_count")) {
            pages.next();
            return pages.getInt(1);
        }
    }

    private String names() throws SQLException {
        StringBuilder names = new StringBuilder();
        try (Statement statement = raw.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM item ORDER BY id")) {
            while (rows.next()) {
                names.append(names.length() == 0 ? "" : ",").append(rows.getString(1));
            }
        }
        return names.toString();
    }
}
