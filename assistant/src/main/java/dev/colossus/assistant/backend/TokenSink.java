package dev.colossus.assistant.backend;

/**
 * Receives an answer's text piece by piece as it is generated, on the generating thread. Pieces concatenate to the
 * final {@link Completion#text()}; tool calls come apart, as {@link #toolCall} deltas. Throwing from either
 * method cancels the generation (e.g. the client is gone).
 */
@FunctionalInterface
public interface TokenSink {

    void accept(String piece);

    /**
     * A piece of a tool call the model is writing ({@link ToolCallDelta}); such text is not given to
     * {@link #accept}. Ignored unless overridden.
     */
    default void toolCall(ToolCallDelta delta) {
    }

    TokenSink IGNORE = piece -> { };
}
