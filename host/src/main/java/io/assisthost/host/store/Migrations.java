package io.assisthost.host.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code migrations/V<n>__<name>.sql} beside this class, applied in order,
 * each in its own transaction, each recorded in {@code schema_version}. Migrations are never edited
 * once released; a change is a new version.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Every migration, in order. */
    static final List<String> ALL = List.of("V1__audit_log.sql", "V2__webhooks.sql", "V3__actions.sql",
            "V4__delivery_handover.sql");

    private Migrations() {
    }

    /** Applies the migrations the database has not seen; returns the resulting version. */
    static int apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        int current = current(connection);
        for (int i = current; i < ALL.size(); i++) {
            String name = ALL.get(i);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(read(name))) {
                    statement.execute(sql);
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
                    record.setInt(1, i + 1);
                    record.setString(2, name);
                    record.setString(3, Instant.now().toString());
                    record.executeUpdate();
                }
                connection.commit();
                LOG.info("Store schema migrated to version {} ({})", i + 1, name);
            } catch (SQLException e) {
                connection.rollback();
                throw new SQLException("migration " + name + " failed: " + e.getMessage(), e);
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return ALL.size();
    }

    static int current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            int version = result.next() ? result.getInt(1) : 0;
            if (version > ALL.size()) {
                throw new SQLException("the database has schema version " + version + " but this host knows only "
                        + ALL.size() + ": it was written by a newer host");
            }
            return version;
        }
    }

    private static String read(String name) throws SQLException {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new SQLException("migration " + name + " is missing from the host jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration " + name, e);
        }
    }

    /** The statements of a script: separated by semicolons at line ends, comments dropped. */
    private static List<String> statements(String script) {
        StringBuilder cleaned = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                cleaned.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(cleaned.toString().split(";\\s*\n")).map(String::strip)
                .filter(sql -> !sql.isEmpty()).toList();
    }
}
