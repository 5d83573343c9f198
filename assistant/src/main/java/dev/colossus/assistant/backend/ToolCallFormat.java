package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.grammar.Grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a model family writes a tool call in its answer, as its chat template tells it to: Qwen 2.5 and Hermes-style
 * templates wrap {@code {"name": ..., "arguments": {...}}} in {@code <tool_call>} tags, Llama 3.1 writes
 * {@code {"name": ..., "parameters": {...}}} alone, Mistral writes {@code [TOOL_CALLS]} and a JSON list of calls.
 * Gives the grammar of a forced call and parses calls back out of generated text.
 * <p>Immutable and thread-safe.
 */
public enum ToolCallFormat {
    HERMES, LLAMA3_JSON, MISTRAL;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TAGGED = Pattern.compile("<tool_call>\\s*(.*?)\\s*</tool_call>", Pattern.DOTALL);

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
            String head = "{\"name\": \"" + tool.name() + "\", \"" + (this == LLAMA3_JSON ? "parameters" : "arguments")
                    + "\": ";
            calls.add(Grammar.sequence(Grammar.literal(head), arguments, Grammar.literal("}")));
        }
        Grammar call = Grammar.anyOf(calls);
        return switch (this) {
            case HERMES -> Grammar.sequence(Grammar.literal("<tool_call>\n"), call, Grammar.literal("\n</tool_call>"));
            case LLAMA3_JSON -> call;
            case MISTRAL -> Grammar.sequence(Grammar.literal("[TOOL_CALLS]["), call, Grammar.literal("]"));
        };
    }

    /** The calls written in {@code text} (empty when it has none, or none that parse as calls of a known shape). */
    public List<ToolCall> parse(String text) {
        List<ToolCall> calls = new ArrayList<>();
        switch (this) {
            case HERMES -> {
                Matcher m = TAGGED.matcher(text);
                while (m.find()) call(m.group(1)).ifPresent(calls::add);
            }
            case LLAMA3_JSON -> {
                String t = text.strip();
                if (t.startsWith("<|python_tag|>")) t = t.substring("<|python_tag|>".length()).strip();
                if (t.startsWith("{")) call(t).ifPresent(calls::add);
            }
            case MISTRAL -> {
                int at = text.indexOf("[TOOL_CALLS]");
                String t = (at >= 0 ? text.substring(at + "[TOOL_CALLS]".length()) : text).strip();
                if (at >= 0 || t.startsWith("[{")) {
                    try {
                        for (JsonNode c : JSON.readTree(t)) call(c.toString()).ifPresent(calls::add);
                    } catch (Exception e) {
                        return List.of();
                    }
                }
            }
        }
        return calls;
    }

    /** The text before the first call: what the model said besides calling. */
    public String content(String text) {
        int at = switch (this) {
            case HERMES -> text.indexOf("<tool_call>");
            case LLAMA3_JSON -> {
                String t = text.strip();
                yield t.startsWith("{") || t.startsWith("<|python_tag|>") ? 0 : -1;
            }
            case MISTRAL -> Math.max(0, text.indexOf("[TOOL_CALLS]"));
        };
        return at < 0 ? text : text.substring(0, at).strip();
    }

    private static java.util.Optional<ToolCall> call(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode args = node.has("arguments") ? node.get("arguments") : node.get("parameters");
            if (!node.path("name").isTextual() || args == null) return java.util.Optional.empty();
            if (args.isTextual()) args = JSON.readTree(args.asText());
            return java.util.Optional.of(new ToolCall(node.get("name").asText(), args));
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }
}
