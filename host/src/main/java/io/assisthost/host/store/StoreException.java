package io.assisthost.host.store;

/** The store could not do what was asked (disk full, file unreadable, schema from a newer host...). */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
