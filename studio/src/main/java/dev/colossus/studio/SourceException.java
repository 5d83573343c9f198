package dev.colossus.studio;

/**
 * A source that cannot be rendered: malformed, hostile or over a limit. The message is one line meant for the person
 * (or the model) that wrote the source, e.g. {@code "line 3: unknown key 'Hm7'"}.
 */
public final class SourceException extends Exception {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
