package dev.colossus.assistant.backend;

import dev.colossus.engine.FinishReason;
import java.util.List;

/**
 * A finished answer: the whole text, why it ended and what it cost; {@code toolCalls} are the calls the model made
 * (then the text is what it wrote before them, and the finish reason {@link FinishReason#TOOL_CALLS});
 * {@code logprobs} has each generated token when the options asked for them (empty otherwise).
 */
public record Completion(String text, FinishReason finishReason, Usage usage, List<ToolCall> toolCalls,
                         List<TokenLogprob> logprobs) {

    public Completion {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    }

    /** An answer without log-probabilities. */
    public Completion(String text, FinishReason finishReason, Usage usage, List<ToolCall> toolCalls) {
        this(text, finishReason, usage, toolCalls, List.of());
    }

    /** An answer without tool calls. */
    public Completion(String text, FinishReason finishReason, Usage usage) {
        this(text, finishReason, usage, List.of());
    }
}
