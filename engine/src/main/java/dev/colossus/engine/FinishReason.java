package dev.colossus.engine;

/** Why a generation ended. */
public enum FinishReason {
    /** The model chose an end-of-generation token (EOS, EOT...); it is not part of the text. */
    END_OF_GENERATION,
    /** A stop string appeared; the text ends before it. */
    STOP_STRING,
    /** The requested number of tokens was generated. */
    MAX_TOKENS,
    /** The session's context (KV cache) is full. */
    CONTEXT_FULL,
    /** {@link Generation#cancel()} was called. */
    CANCELLED
}
