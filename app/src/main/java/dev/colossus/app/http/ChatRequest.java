package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.assistant.ChatMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.backend.ResponseFormat;
import dev.colossus.assistant.backend.Tool;
import dev.colossus.assistant.backend.ToolCall;
import dev.colossus.assistant.backend.ToolChoice;
import dev.colossus.engine.grammar.Grammar;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fields of an OpenAI chat or text completion request, validated; wrong input is an {@link OpenAiError}.
 * {@code conversationId} is Colossus's {@code conversation_id} extension (null when absent); a JSON schema in
 * {@code responseFormat} is compiled here, so an unsupported one is refused before any answer starts.
 * {@code logprobs} is -1 when none were asked for, else how many alternatives each token comes with (chat:
 * {@code logprobs: true} and {@code top_logprobs} 0-20; completions: {@code logprobs} 0-5).
 */
record ChatRequest(String model, List<ChatMessage> messages, String prompt, Double temperature, Double topP,
                   Integer maxTokens, List<String> stop, Long seed, boolean stream, boolean includeUsage,
                   JsonNode searchParameters, Long conversationId, ResponseFormat responseFormat, List<Tool> tools,
                   ToolChoice toolChoice, int logprobs) {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_MESSAGES = 200;
    static final int MAX_CONTENT_CHARS = 32_000;
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    static ChatRequest parse(JsonNode body, boolean chat) {
        if (body == null || !body.isObject()) throw OpenAiError.invalid(null, "The request body must be a JSON object.");
        String model = body.hasNonNull("model") ? text(body, "model") : null;
        if (model == null || model.isBlank()) throw OpenAiError.invalid("model", "'model' is required.");
        List<ChatMessage> messages = chat ? messages(body.get("messages")) : List.of();
        String prompt = chat ? null : prompt(body.get("prompt"));
        Double temperature = number(body, "temperature", 0, 2);
        Double topP = number(body, "top_p", 0, 1);
        if (topP != null && topP == 0) throw OpenAiError.invalid("top_p", "'top_p' must be greater than 0.");
        Integer maxTokens = integer(body, body.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens");
        if (body.has("n") && !body.get("n").isNull() && body.get("n").asInt() != 1) {
            throw OpenAiError.invalid("n", "Only n=1 is supported.");
        }
        Long seed = null;
        if (body.hasNonNull("seed")) {
            if (!body.get("seed").canConvertToLong()) throw OpenAiError.invalid("seed", "'seed' must be an integer.");
            seed = body.get("seed").asLong();
        }
        boolean stream = body.path("stream").asBoolean(false);
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        Long conversation = null;
        if (chat && body.hasNonNull("conversation_id")) {
            JsonNode id = body.get("conversation_id");
            try {
                conversation = Long.parseLong(id.asText().strip());
            } catch (NumberFormatException e) {
                throw OpenAiError.invalid("conversation_id", "'conversation_id' must be a conversation's id.");
            }
        }
        List<Tool> tools = chat ? tools(body.get("tools")) : List.of();
        ToolChoice choice = toolChoice(body.get("tool_choice"));
        if (choice instanceof ToolChoice.Named(String name) && tools.stream().noneMatch(t -> t.name().equals(name))) {
            throw OpenAiError.invalid("tool_choice", "'tool_choice' names '" + name + "', which is not among 'tools'.");
        }
        if (choice instanceof ToolChoice.Required && tools.isEmpty()) {
            throw OpenAiError.invalid("tool_choice", "'tool_choice' required needs 'tools'.");
        }
        return new ChatRequest(model, messages, prompt, temperature, topP, maxTokens, stop(body.get("stop")), seed,
                stream, includeUsage, body.get("search_parameters"), conversation, responseFormat(body),
                tools, choice, chat ? chatLogprobs(body) : completionLogprobs(body));
    }

    private static int chatLogprobs(JsonNode body) {
        JsonNode wanted = body.get("logprobs");
        if (wanted != null && !wanted.isNull() && !wanted.isBoolean()) {
            throw OpenAiError.invalid("logprobs", "'logprobs' must be true or false.");
        }
        boolean on = wanted != null && wanted.asBoolean();
        if (!body.hasNonNull("top_logprobs")) return on ? 0 : -1;
        if (!on) throw OpenAiError.invalid("top_logprobs", "'top_logprobs' needs 'logprobs' set to true.");
        return bounded(body.get("top_logprobs"), "top_logprobs", 20);
    }

    private static int completionLogprobs(JsonNode body) {
        return body.hasNonNull("logprobs") ? bounded(body.get("logprobs"), "logprobs", 5) : -1;
    }

    private static int bounded(JsonNode n, String field, int max) {
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0 || n.asInt() > max) {
            throw OpenAiError.invalid(field, "'" + field + "' must be an integer from 0 to " + max + ".");
        }
        return n.asInt();
    }

    private static ResponseFormat responseFormat(JsonNode body) {
        try {
            return ResponseFormat.parse(body.get("response_format"));
        } catch (IllegalArgumentException e) { // UnsupportedSchemaException's message names the feature
            throw OpenAiError.invalid("response_format", e.getMessage());
        }
    }

    /** OpenAI's {@code tools}: functions, each parameters schema compiled here so an unsupported one is a 400. */
    private static List<Tool> tools(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw OpenAiError.invalid("tools", "'tools' must be an array.");
        List<Tool> tools = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode f = node.get(i).path("function");
            String param = "tools[" + i + "]";
            if (!"function".equals(node.get(i).path("type").asText()) || !f.isObject()) {
                throw OpenAiError.invalid(param, "A tool must be {\"type\": \"function\", \"function\": {...}}.");
            }
            JsonNode parameters = f.hasNonNull("parameters") ? f.get("parameters")
                    : JSON.createObjectNode().put("type", "object");
            try {
                Grammar.jsonSchema(JSON.convertValue(parameters, Object.class));
                tools.add(new Tool(f.path("name").asText(""), f.path("description").asText(""), parameters));
            } catch (IllegalArgumentException e) {
                throw OpenAiError.invalid(param, e.getMessage());
            }
        }
        return tools;
    }

    private static ToolChoice toolChoice(JsonNode node) {
        if (node == null || node.isNull()) return ToolChoice.AUTO;
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw OpenAiError.invalid("tool_choice", "'tool_choice' must be auto, none, required or "
                        + "{\"type\": \"function\", \"function\": {\"name\": ...}}.");
            };
        }
        String name = node.path("function").path("name").asText("");
        if (name.isEmpty()) throw OpenAiError.invalid("tool_choice", "'tool_choice.function.name' is required.");
        return new ToolChoice.Named(name);
    }

    private static List<ToolCall> toolCalls(JsonNode node, int i) {
        if (node == null || node.isNull()) return List.of();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : node) {
            String arguments = c.path("function").path("arguments").asText("{}");
            try {
                calls.add(new ToolCall(callId(c.path("id").asText("")), c.path("function").path("name").asText(""),
                        JSON.readTree(arguments.isBlank() ? "{}" : arguments)));
            } catch (java.io.IOException e) {
                throw OpenAiError.invalid("messages[" + i + "].tool_calls", "A tool call's arguments must be JSON.");
            }
        }
        return calls;
    }

    /** A call id as this server writes it ({@code call_} and 9 characters) back to the 9 characters templates take. */
    private static String callId(String id) {
        return id.startsWith("call_") && id.length() == 14 ? id.substring(5) : id;
    }

    private static List<ChatMessage> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw OpenAiError.invalid("messages", "'messages' must be a non-empty array.");
        }
        if (node.size() > MAX_MESSAGES) throw OpenAiError.invalid("messages", "At most " + MAX_MESSAGES + " messages.");
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String role = m.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw OpenAiError.invalid("messages[" + i + "].role", "Unknown role '" + role
                        + "'; use system, user, assistant or tool.");
            }
            out.add(new ChatMessage(role.equals("developer") ? "system" : role, content(m.get("content"), i),
                    toolCalls(m.get("tool_calls"), i), m.hasNonNull("tool_call_id") ? callId(m.get("tool_call_id").asText()) : null));
        }
        if (out.stream().noneMatch(m -> m.role().equals("user"))) {
            throw OpenAiError.invalid("messages", "The messages need at least one user message.");
        }
        return out;
    }

    /** A string, or OpenAI's array of content parts of which the text parts count. */
    private static String content(JsonNode node, int i) {
        String param = "messages[" + i + "].content";
        String text;
        if (node == null || node.isNull()) {
            text = "";
        } else if (node.isTextual()) {
            text = node.asText();
        } else if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : node) {
                if ("text".equals(part.path("type").asText())) sb.append(part.path("text").asText(""));
            }
            text = sb.toString();
        } else {
            throw OpenAiError.invalid(param, "Message content must be a string or an array of content parts.");
        }
        if (text.length() > MAX_CONTENT_CHARS) {
            throw OpenAiError.invalid(param, "A message may have at most " + MAX_CONTENT_CHARS + " characters.");
        }
        return text;
    }

    private static String prompt(JsonNode node) {
        if (node != null && node.isArray() && node.size() == 1) node = node.get(0);
        if (node == null || !node.isTextual()) throw OpenAiError.invalid("prompt", "'prompt' must be a string.");
        if (node.asText().length() > 4 * MAX_CONTENT_CHARS) throw OpenAiError.invalid("prompt", "The prompt is too long.");
        return node.asText();
    }

    private static List<String> stop(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        List<String> stop = new ArrayList<>();
        if (node.isTextual()) {
            stop.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode s : node) {
                if (!s.isTextual()) throw OpenAiError.invalid("stop", "'stop' must be a string or an array of strings.");
                stop.add(s.asText());
            }
        } else {
            throw OpenAiError.invalid("stop", "'stop' must be a string or an array of strings.");
        }
        if (stop.size() > 4) throw OpenAiError.invalid("stop", "At most 4 stop sequences.");
        if (stop.stream().anyMatch(String::isEmpty)) throw OpenAiError.invalid("stop", "Stop sequences must not be empty.");
        return stop;
    }

    private static String text(JsonNode body, String field) {
        if (!body.get(field).isTextual()) throw OpenAiError.invalid(field, "'" + field + "' must be a string.");
        return body.get(field).asText();
    }

    private static Double number(JsonNode body, String field, double min, double max) {
        if (!body.hasNonNull(field)) return null;
        JsonNode n = body.get(field);
        if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
            throw OpenAiError.invalid(field, "'" + field + "' must be a number from " + min + " to " + max + ".");
        }
        return n.asDouble();
    }

    private static Integer integer(JsonNode body, String field) {
        if (!body.hasNonNull(field)) return null;
        JsonNode n = body.get(field);
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
            throw OpenAiError.invalid(field, "'" + field + "' must be a positive integer.");
        }
        return n.asInt();
    }
}
