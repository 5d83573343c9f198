package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.grammar.Grammar;

import java.util.ArrayList;
import java.util.List;

/**
 * How a model family writes a tool call in its answer, as its chat template tells it to: Qwen 2.5 and Hermes-style
 * templates wrap {@code {"name": ..., "arguments": {...}}} in {@code <tool_call>} tags, Llama 3.1 writes
 * {@code {"name": ..., "parameters": {...}}} alone, Mistral writes {@code [TOOL_CALLS]} and a JSON list of calls.
 * Gives the grammars of calls; {@link ToolCallStream} reads them back out of the answer as it is generated.
 * <p>Immutable and thread-safe.
 */
public enum ToolCallFormat {
    HERMES, LLAMA3_JSON, MISTRAL;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The format a chat template's source describes; Hermes tags when it shows none. */
    public static ToolCallFormat of(String templateSource) {
        if (templateSource.contains("[TOOL_CALLS]")) return MISTRAL;
        if (templateSource.contains("<tool_call>")) return HERMES;
        if (templateSource.contains("ipython") || templateSource.contains("<|python_tag|>")) return LLAMA3_JSON;
        return HERMES;
    }

    /**
     * One call of one of {@code tools}, with arguments valid for its parameters schema, as this format writes it.
     *
     * @throws dev.colossus.engine.grammar.UnsupportedSchemaException when a parameters schema uses an unsupported
     *                                                                feature
     */
    public Grammar forcedCall(List<Tool> tools) {
        List<Grammar> calls = new ArrayList<>();
        for (Tool tool : tools) {
            Grammar arguments = Grammar.jsonSchema(JSON.convertValue(tool.parameters(), Object.class));
            String head = "{\"name\": \"" + tool.name() + "\", \"" + argumentsKey() + "\": ";
            calls.add(Grammar.sequence(Grammar.literal(head), arguments, Grammar.literal("}")));
        }
        Grammar call = Grammar.anyOf(calls);
        return switch (this) {
            case HERMES -> Grammar.sequence(Grammar.literal("<tool_call>\n"), call, Grammar.literal("\n</tool_call>"));
            case LLAMA3_JSON -> call;
            case MISTRAL -> Grammar.sequence(Grammar.literal("[TOOL_CALLS]["), call, Grammar.literal("]"));
        };
    }

    /**
     * A model's answer when it may call one of {@code tools} ({@code tool_choice: auto}): free text in which, once
     * the model starts a call in this format ({@code <tool_call>}, {@code [TOOL_CALLS]}, or for Llama 3.1 an
     * opening brace as its first character), the rest of the call is {@link #forcedCall}'s, so its arguments are valid
     * for the tool's parameters. With a response format's grammar ({@code answer} not null), the answer is either
     * such JSON or a call.
     *
     * @throws dev.colossus.engine.grammar.UnsupportedSchemaException when a parameters schema uses an unsupported
     *                                                                feature
     */
    public Grammar textOrCall(List<Tool> tools, Grammar answer) {
        Grammar call = forcedCall(tools);
        if (answer != null) return Grammar.anyOf(List.of(answer, call));
        return switch (this) {
            case HERMES, MISTRAL -> Grammar.sequence(Grammar.textWithout(marker()), Grammar.optional(call));
            case LLAMA3_JSON -> Grammar.sequence(Grammar.whitespace(), Grammar.optional(Grammar.anyOf(List.of(call,
                    Grammar.sequence(Grammar.byteExcept("{ \t\n\r"), Grammar.textWithout(""))))));
        };
    }

    /** The text that starts a call ({@code <tool_call>}, {@code [TOOL_CALLS]}); null for Llama 3.1's bare JSON. */
    String marker() {
        return switch (this) {
            case HERMES -> "<tool_call>";
            case MISTRAL -> "[TOOL_CALLS]";
            case LLAMA3_JSON -> null;
        };
    }

    /** The member of a call's object that holds its arguments. */
    String argumentsKey() {
        return this == LLAMA3_JSON ? "parameters" : "arguments";
    }
}
