package dev.colossus.engine;

/**
 * Why a generation ended: the engine's own reasons, and the two that only the layers running a generation for someone
 * give ({@link #TIME_LIMIT}, {@link #TOOL_CALLS}). {@link #openAiName()} is the value of OpenAI's
 * {@code finish_reason} for each.
 */
public enum FinishReason {
    /** The model chose an end-of-generation token (EOS, EOT...); it is not part of the text. */
    END_OF_GENERATION("stop"),
    /** A stop string appeared; the text ends before it. */
    STOP_STRING("stop"),
    /** The requested number of tokens was generated. */
    MAX_TOKENS("length"),
    /** The session's context (KV cache) is full. */
    CONTEXT_FULL("length"),
    /** {@link Generation#cancel()} was called (for example, the client went away). */
    CANCELLED("stop"),
    /** The caller's time limit passed and it cancelled the generation; never given by the engine itself. */
    TIME_LIMIT("length"),
    /** The output ended in calls of tools that the caller recognised; never given by the engine itself. */
    TOOL_CALLS("tool_calls");

    private final String openAiName;

    FinishReason(String openAiName) {
        this.openAiName = openAiName;
    }

    /** OpenAI's {@code finish_reason}: {@code stop}, {@code length} or {@code tool_calls}. */
    public String openAiName() {
        return openAiName;
    }

    /** True when a limit cut the text short (tokens, context or time): OpenAI's {@code length}. */
    public boolean cutShort() {
        return openAiName.equals("length");
    }

    /**
     * Reads OpenAI's {@code finish_reason}: {@code length} is {@link #MAX_TOKENS}, {@code tool_calls}
     * {@link #TOOL_CALLS}, anything else (including {@code stop}) {@link #END_OF_GENERATION}.
     */
    public static FinishReason fromOpenAi(String name) {
        return switch (String.valueOf(name)) {
            case "length" -> MAX_TOKENS;
            case "tool_calls" -> TOOL_CALLS;
            default -> END_OF_GENERATION;
        };
    }
}
