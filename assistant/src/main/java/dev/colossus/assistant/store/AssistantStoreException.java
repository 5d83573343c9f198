package dev.colossus.assistant.store;

/** The assistant's database failed (I/O, constraint, connection): an internal error, never the caller's fault. */
public final class AssistantStoreException extends RuntimeException {
    public AssistantStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
