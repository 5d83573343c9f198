package dev.colossus.assistant.backend;

/**
 * A backend could not produce an answer. {@link #kind()} says whose fault it is so that the HTTP layer can answer
 * with the right status; the message is meant for users and never contains an API key.
 */
public final class BackendException extends RuntimeException {

    /** What went wrong, with the HTTP status that describes it best. */
    public enum Kind {
        /** The request itself is unacceptable (e.g. prompt too long for the model). */
        BAD_REQUEST(400),
        /** The remote server rejected the configured API key. */
        AUTHENTICATION(502),
        /** The configured model does not exist on the remote server. */
        MODEL_NOT_FOUND(502),
        /** The remote server is rate limiting us. */
        RATE_LIMITED(429),
        /** The model server cannot be reached or failed. */
        UNAVAILABLE(503),
        /** The model server answered something that is not OpenAI's protocol. */
        PROTOCOL(502);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    public BackendException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BackendException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
