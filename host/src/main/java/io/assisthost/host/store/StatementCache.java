package io.assisthost.host.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the store's prepared statements open, so that SQL the host runs again and again (an audit
 * append, an outbox event, the savepoint around each write) is compiled by SQLite once, not on every
 * write: compiling was a fifth to a quarter of a write transaction's cost.
 *
 * <p>Work gets a view of the store's connection whose {@code prepareStatement} hands out a cached
 * statement and whose statements' {@code close} gives them back, parameters and batch cleared, so work
 * keeps to plain JDBC with try-with-resources. SQLite resets a statement before each execution and when
 * its result set is closed, so a statement given back holds no read snapshot. A statement asked for again
 * while still in use (the same SQL nested in one piece of work) is a fresh one, really closed on
 * {@code close}. The least recently used statements are closed beyond {@code capacity}, as the audit
 * query builds its SQL from the filters given.
 *
 * <p>Used by the store thread only.
 */
final class StatementCache implements AutoCloseable {

    /** A prepared statement in the cache, what work is lent (closing it gives the statement back), whether it is lent. */
    private final class Entry {
        final Key key;
        final PreparedStatement statement;
        final PreparedStatement lent;
        boolean inUse;
        boolean cached = true;

        Entry(Key key, PreparedStatement statement) {
            this.key = key;
            this.statement = statement;
            this.lent = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this::onStatement);
        }

        private Object onStatement(Object proxy, Method method, Object[] arguments) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                giveBack();
                return null;
            }
            if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
                return view;
            }
            return invoke(statement, method, arguments);
        }

        private void giveBack() {
            if (!inUse) {
                return;
            }
            inUse = false;
            if (cached && reset()) {
                return;
            }
            // Evicted or cleared while lent, or unusable.
            entries.remove(key, this);
            discard();
        }

        /**
         * Clears what the last user left; false when the statement cannot be used again. After an error other
         * than a constraint or a busy database (a full disk, an I/O error) the driver finalizes the statement
         * without marking it closed: clearing it then fails.
         */
        private boolean reset() {
            try {
                if (statement.isClosed()) {
                    return false;
                }
                statement.clearBatch();
                statement.clearParameters();
                return true;
            } catch (SQLException finalized) {
                return false;
            }
        }

        void discard() {
            cached = false;
            if (!inUse) {
                closeQuietly(statement);
            }
        }
    }

    /** SQL and whether generated keys were asked for: the driver prepares the two differently. */
    private record Key(String sql, int generatedKeys) {
    }

    private final Connection connection;
    private final int capacity;
    private final Map<Key, Entry> entries;
    private final Connection view;
    private long prepared;

    StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true);
        this.view = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** The connection work is given: the store's own, with cached prepared statements. */
    Connection connection() {
        return view;
    }

    /** A cached statement for {@code sql}, to be closed (given back) after use. */
    PreparedStatement prepare(String sql) throws SQLException {
        return prepare(new Key(sql, Statement.NO_GENERATED_KEYS));
    }

    /** How many statements SQLite has compiled through this cache. */
    long prepared() {
        return prepared;
    }

    /** Closes every kept statement; one still lent is closed when it is given back. */
    @Override
    public void close() {
        entries.values().forEach(Entry::discard);
        entries.clear();
    }

    private PreparedStatement prepare(Key key) throws SQLException {
        Entry entry = entries.get(key);
        if (entry != null && entry.inUse) {
            prepared++;
            return compile(key);
        }
        if (entry == null) {
            entry = new Entry(key, compile(key));
            prepared++;
            entries.put(key, entry);
        }
        entry.inUse = true;
        evictBeyondCapacity();
        return entry.lent;
    }

    private PreparedStatement compile(Key key) throws SQLException {
        return key.generatedKeys() == Statement.NO_GENERATED_KEYS
                ? connection.prepareStatement(key.sql())
                : connection.prepareStatement(key.sql(), key.generatedKeys());
    }

    private void evictBeyondCapacity() {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (entries.size() > capacity && oldestFirst.hasNext()) {
            Entry oldest = oldestFirst.next();
            if (!oldest.inUse) {
                oldest.discard();
                oldestFirst.remove();
            }
        }
    }

    private Object onConnection(Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.getName().equals("prepareStatement") && arguments.length == 1) {
            return prepare(new Key((String) arguments[0], Statement.NO_GENERATED_KEYS));
        }
        if (method.getName().equals("prepareStatement") && arguments.length == 2
                && method.getParameterTypes()[1] == int.class) {
            return prepare(new Key((String) arguments[0], (Integer) arguments[1]));
        }
        if (method.getName().equals("close")) {
            throw new SQLException("the store's connection is closed by the store, not by work run on it");
        }
        return invoke(connection, method, arguments);
    }

    private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // Closing releases SQLite's compiled form; a failure leaves nothing to undo.
        }
    }
}
