package dev.colossus.assistant.backend;

import dev.colossus.engine.FinishReason;
import java.util.List;

/**
 * A finished answer: the whole text, why it ended and what it cost; {@code toolCalls} are the calls the model made
 * (then the text is what it wrote before them, and the finish reason {@link FinishReason#TOOL_CALLS}).
 */
public record Completion(String text, FinishReason finishReason, Usage usage, List<ToolCall> toolCalls) {

    public Completion {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** An answer without tool calls. */
    public Completion(String text, FinishReason finishReason, Usage usage) {
        this(text, finishReason, usage, List.of());
    }
}
