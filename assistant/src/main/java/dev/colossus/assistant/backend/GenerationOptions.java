package dev.colossus.assistant.backend;

import dev.colossus.engine.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to generate one answer.
 *
 * @param temperature 0 (greedy) to 2
 * @param topP        nucleus mass, (0, 1]
 * @param maxTokens   most tokens to generate
 * @param stop        texts that end the answer when generated (not included in it); at most 4
 * @param seed        sampling seed for reproducible answers, or null
 * @param timeLimit   wall-clock limit for the whole answer; when reached the answer ends with
 *                    {@link FinishReason#TIME_LIMIT}
 * @param responseFormat the shape the answer must take ({@link ResponseFormat#TEXT} when null)
 * @param tools          functions the model may call (empty for none)
 * @param toolChoice     whether it must call one ({@link ToolChoice#AUTO} when null)
 * @param logprobs       -1 for none; otherwise each generated token's log-probability is returned
 *                       ({@link Completion#logprobs()}) with this many most likely alternatives (0 to 20)
 */
public record GenerationOptions(double temperature, double topP, int maxTokens, List<String> stop, Long seed,
                                Duration timeLimit, ResponseFormat responseFormat, List<Tool> tools,
                                ToolChoice toolChoice, int logprobs) {

    public GenerationOptions {
        stop = stop == null ? List.of() : List.copyOf(stop);
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (maxTokens < 1) throw new IllegalArgumentException("max_tokens must be at least 1");
        if (stop.size() > 4) throw new IllegalArgumentException("at most 4 stop sequences");
        if (responseFormat == null) responseFormat = ResponseFormat.TEXT;
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (toolChoice == null) toolChoice = ToolChoice.AUTO;
        if (toolChoice instanceof ToolChoice.Named(String name) && tools.stream().noneMatch(t -> t.name().equals(name))) {
            throw new IllegalArgumentException("tool_choice names '" + name + "', which is not among the tools");
        }
        if (logprobs < -1 || logprobs > 20) throw new IllegalArgumentException("top_logprobs must be 0 to 20");
    }

    /** Options for free text. */
    public GenerationOptions(double temperature, double topP, int maxTokens, List<String> stop, Long seed,
                             Duration timeLimit) {
        this(temperature, topP, maxTokens, stop, seed, timeLimit, ResponseFormat.TEXT, List.of(), ToolChoice.AUTO, -1);
    }

    public GenerationOptions withResponseFormat(ResponseFormat format) {
        return new GenerationOptions(temperature, topP, maxTokens, stop, seed, timeLimit, format, tools, toolChoice,
                logprobs);
    }

    public GenerationOptions withTools(List<Tool> list, ToolChoice choice) {
        return new GenerationOptions(temperature, topP, maxTokens, stop, seed, timeLimit, responseFormat, list, choice,
                logprobs);
    }

    /** The same options returning each token's log-probability with {@code top} alternatives (-1: none). */
    public GenerationOptions withLogprobs(int top) {
        return new GenerationOptions(temperature, topP, maxTokens, stop, seed, timeLimit, responseFormat, tools,
                toolChoice, top);
    }
}
