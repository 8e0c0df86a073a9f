package io.assisthost.host.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the store's prepared statements open, so that SQL the host runs again and again (an audit
 * append, an outbox event, the savepoint around each write) is compiled by SQLite once, not on every
 * write: compiling was a fifth to a quarter of a write transaction's cost.
 *
 * <p>Work gets a view of the store's connection whose {@code prepareStatement} lends a kept statement:
 * closing the loan gives the statement back, so work keeps to plain JDBC with try-with-resources. Giving
 * back closes the result sets the loan opened (and reads none left pending by {@code execute}), which
 * resets the statement: a statement paused on a row would hold a read snapshot and stop SQLite from
 * checkpointing its log. Then it clears parameters and batch. A loan closed is closed for good, even if
 * the statement is lent again. The same SQL asked for while already lent (nested in one piece of work) gets
 * a statement of its own, really closed with it. The least recently used statements are closed beyond
 * {@code capacity}, as the audit query builds its SQL from the filters given.
 *
 * <p>{@code unwrap} gives the driver's own objects, outside the cache's care. Used by the store thread only.
 */
final class StatementCache implements AutoCloseable {

    /** A kept statement and whether it is lent now. */
    private final class Entry {
        final String sql;
        final PreparedStatement statement;
        boolean inUse;
        boolean cached = true;

        Entry(String sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }

        PreparedStatement lend() {
            inUse = true;
            Loan loan = new Loan(this);
            return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, loan::onStatement);
        }

        /** Back from a loan: kept for the next one if it can be used again, else closed. */
        void giveBack(List<ResultSet> opened, boolean unread) {
            inUse = false;
            if (cached && reset(opened, unread)) {
                return;
            }
            // Closed by the cache while lent, or unusable.
            entries.remove(sql, this);
            discard();
        }

        /**
         * Leaves the statement as compiled; false when it cannot be used again. After some errors (a full
         * disk, an I/O error) the driver finalizes the statement without marking it closed: clearing it then
         * fails.
         */
        private boolean reset(List<ResultSet> opened, boolean unread) {
            try {
                for (ResultSet rows : opened) {
                    rows.close();
                }
                if (unread) {
                    ResultSet pending = statement.getResultSet();
                    if (pending != null) {
                        pending.close();
                    }
                }
                if (statement.isClosed()) {
                    return false;
                }
                statement.clearBatch();
                statement.clearParameters();
                return true;
            } catch (SQLException unusable) {
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

    /** One loan of a kept statement: what it opened, and whether it is over. */
    private final class Loan {
        private final Entry entry;
        private final List<ResultSet> opened = new ArrayList<>(1);
        private boolean unread;
        private boolean closed;

        Loan(Entry entry) {
            this.entry = entry;
        }

        Object onStatement(Object proxy, Method method, Object[] arguments) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!closed) {
                        closed = true;
                        entry.giveBack(opened, unread);
                    }
                    return null;
                case "isClosed":
                    return closed;
                case "equals":
                    return proxy == arguments[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "statement lent by the store: " + entry.sql;
                default:
                    break;
            }
            if (closed) {
                throw new SQLException("statement is closed: " + entry.sql);
            }
            if (method.getName().equals("getConnection")) {
                return view;
            }
            Object result = invoke(entry.statement, method, arguments);
            if (result instanceof ResultSet rows) {
                opened.add(rows);
            }
            if (method.getName().equals("execute")) {
                unread = Boolean.TRUE.equals(result);
            } else if (method.getName().equals("getResultSet") || method.getName().startsWith("executeQuery")) {
                unread = false;
            }
            return result;
        }
    }

    private final Connection connection;
    private final int capacity;
    private final Map<String, Entry> entries;
    private final Connection view;
    private volatile long prepared;

    StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true);
        this.view = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** The connection work is given: the store's own, with kept prepared statements. */
    Connection connection() {
        return view;
    }

    /** A kept statement for {@code sql}, to be closed (given back) after use. */
    PreparedStatement prepare(String sql) throws SQLException {
        Entry entry = entries.get(sql);
        if (entry != null && entry.inUse) {
            return compile(sql);
        }
        if (entry == null) {
            entry = new Entry(sql, compile(sql));
            entries.put(sql, entry);
        }
        PreparedStatement lent = entry.lend();
        evictBeyondCapacity();
        return lent;
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

    private PreparedStatement compile(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        prepared++;
        return statement;
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
        switch (method.getName()) {
            case "prepareStatement":
                if (arguments.length == 1) {
                    return prepare((String) arguments[0]);
                }
                break;
            case "close":
            case "abort":
                throw new SQLException("the store's connection is closed by the store, not by work run on it");
            case "equals":
                return proxy == arguments[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "the store's connection";
            default:
                break;
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
