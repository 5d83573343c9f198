package dev.colossus.assistant.backend;

/**
 * Receives an answer's text piece by piece as it is generated, on the generating thread. Pieces concatenate to the
 * final {@link Completion#text()}. Throwing from {@link #accept} cancels the generation (e.g. the client is gone).
 */
@FunctionalInterface
public interface TokenSink {

    void accept(String piece);

    TokenSink IGNORE = piece -> { };
}
