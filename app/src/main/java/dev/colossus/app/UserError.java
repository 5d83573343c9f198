package dev.colossus.app;

/** A problem with what the user asked for (a bad argument or file): reported as one line, exit code 2. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
