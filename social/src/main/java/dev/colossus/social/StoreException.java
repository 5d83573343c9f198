package dev.colossus.social;

/** The database failed (I/O, constraint, connection): an internal error, never the caller's fault. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
