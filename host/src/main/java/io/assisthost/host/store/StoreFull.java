package io.assisthost.host.store;

import io.assisthost.host.HostFailure;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A write refused because the data directory's disk is full or the database reached
 * {@code data.maxSizeMb}: the request answers 503 and nothing of it was stored.
 */
public final class StoreFull extends HostFailure {

    private static final long serialVersionUID = 1L;

    StoreFull(Throwable cause) {
        super(Code.UNAVAILABLE, "the host's data directory is full: changes are refused until there is room again "
                + "(reads keep working)", cause);
    }

    /** Whether SQLite failed for want of room (its answer to a full disk as to a reached size limit). */
    static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
                return true;
            }
            if (cause instanceof SQLException sql && (sql.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_FULL.code) {
                return true;
            }
        }
        return false;
    }
}
