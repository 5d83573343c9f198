package dev.colossus.assistant.backend;

/** Why an answer ended; {@link #openAiName()} is the value of OpenAI's {@code finish_reason}. */
public enum FinishReason {
    /** The model ended its turn or produced a stop sequence. */
    STOP("stop"),
    /** {@code max_tokens} reached. */
    LENGTH("length"),
    /** The time limit per answer was reached. */
    TIME_LIMIT("length"),
    /** The caller cancelled (e.g. the client disconnected). */
    CANCELLED("stop"),
    /** The model called tools ({@link Completion#toolCalls()}). */
    TOOL_CALLS("tool_calls");

    private final String openAiName;

    FinishReason(String openAiName) {
        this.openAiName = openAiName;
    }

    public String openAiName() {
        return openAiName;
    }

    /** Parses OpenAI's {@code finish_reason}; anything unknown counts as a normal stop. */
    public static FinishReason fromOpenAi(String name) {
        if ("tool_calls".equals(name)) return TOOL_CALLS;
        return "length".equals(name) ? LENGTH : STOP;
    }
}
