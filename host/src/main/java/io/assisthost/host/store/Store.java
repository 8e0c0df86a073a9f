package io.assisthost.host.store;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The host's durable store, narrow on purpose: work is a function of a JDBC connection, run off the
 * event loop, in a transaction when it writes. A PostgreSQL store could implement the same interface.
 */
public interface Store {

    /** Work against the store's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    <T> Future<T> write(Work<T> work);

    /** Runs {@code work} without a transaction; it must only read. */
    <T> Future<T> read(Work<T> work);

    /** Whether the store is open. */
    boolean isOpen();

    Future<Void> close();
}
