package dev.colossus.assistant.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.LocalBackend;
import dev.colossus.assistant.backend.OpenAiCompatibleBackend;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.backend.Tool;
import dev.colossus.assistant.backend.ToolCall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether the last message of a conversation asks for a picture, a tune or a clip, in whatever language it is
 * written: the model decides, never a list of keywords. A remote model is offered the {@value #TOOL_NAME} tool
 * (OpenAI {@code tools}); the local engine, which has no tool calls, answers a short classification prompt (as does a
 * remote server that refuses tools). Stateless and thread-safe.
 */
public final class MediaIntent {

    /** The function a remote model calls to make media. */
    public static final String TOOL_NAME = "create_media";
    /** Messages of the conversation the decision sees, the last one included. */
    static final int CONTEXT_MESSAGES = 6;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tool TOOL = new Tool(TOOL_NAME,
            "Create a picture, a piece of music or a short video clip when the user asks you to make, draw, paint, "
                    + "compose, play or animate one. Do not call it for questions about media or for text.",
            schema());
    private static final Pattern LABEL = Pattern.compile("^\\W*(image|music|video|none)\\b\\W*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final String DECIDE = """
            You route requests. Decide whether the user's last message asks you to create a picture, a piece of \
            music or a video clip, in whatever language it is written. Call create_media when it does; otherwise \
            reply with the single word none.""";
    private static final String CLASSIFY = """
            You sort requests. Read the user's message, in whatever language it is written, and reply with exactly \
            one line:
            image: WHAT TO DRAW   (when it asks for a picture, drawing, painting or illustration)
            music: WHAT TO PLAY   (when it asks for a tune, song or melody)
            video: WHAT TO SHOW   (when it asks for a video, clip or animation)
            none                  (for anything else: questions, texts, stories, poems, advice)
            Examples:
            "draw me a cat on a roof" -> image: a cat on a roof
            "compose une petite valse" -> music: une petite valse
            "what is trending today?" -> none""";

    private MediaIntent() {
    }

    /**
     * What the conversation's last message asks to make, or empty when it asks for something else.
     *
     * @param timeLimit how long the decision may take; running out counts as "nothing to make"
     * @throws BackendException when the model fails
     */
    public static Optional<MediaRequest> decide(ChatBackend model, List<ChatMessage> conversation, Duration timeLimit,
                                                Cancellation cancel) {
        List<ChatMessage> recent = conversation.stream().filter(m -> !m.role().equals("system")).toList();
        recent = recent.subList(Math.max(0, recent.size() - CONTEXT_MESSAGES), recent.size());
        if (recent.isEmpty() || !recent.getLast().role().equals("user")) return Optional.empty();
        return switch (model) {
            case OpenAiCompatibleBackend remote -> {
                try {
                    yield byTool(remote, recent, timeLimit, cancel);
                } catch (BackendException e) {
                    if (e.kind() != BackendException.Kind.BAD_REQUEST) throw e;
                    yield byClassification(model, recent.getLast().content(), timeLimit, cancel);
                }
            }
            case LocalBackend local -> byClassification(local, recent.getLast().content(), timeLimit, cancel);
        };
    }

    private static Optional<MediaRequest> byTool(OpenAiCompatibleBackend model, List<ChatMessage> recent,
                                                 Duration timeLimit, Cancellation cancel) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(DECIDE));
        messages.addAll(recent);
        Optional<ToolCall> call = model.callTool(messages, TOOL,
                new GenerationOptions(0, 1, 256, List.of(), null, timeLimit), cancel);
        if (call.isEmpty()) return Optional.empty();
        JsonNode args = call.get().arguments();
        return request(args.path("kind").asText(""), args.path("prompt").asText(""), recent.getLast().content());
    }

    private static Optional<MediaRequest> byClassification(ChatBackend model, String message, Duration timeLimit,
                                                           Cancellation cancel) {
        List<ChatMessage> messages = List.of(ChatMessage.system(CLASSIFY), ChatMessage.user(message));
        String answer = model.chat(messages, new GenerationOptions(0, 1, 64, List.of("\n"), null, timeLimit),
                TokenSink.IGNORE, cancel).text();
        Matcher m = LABEL.matcher(answer.strip());
        if (!m.matches()) return Optional.empty();
        return request(m.group(1), m.group(2), message);
    }

    /** The request for a kind and description; the user's own message describes it when the model gave none. */
    private static Optional<MediaRequest> request(String kind, String description, String message) {
        MediaKind k;
        try {
            k = MediaKind.parse(kind);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String prompt = description.strip().replaceAll("^[\"']|[\"']$", "");
        if (prompt.isBlank()) prompt = message;
        if (prompt.length() > MediaRequest.MAX_PROMPT_CHARS) prompt = prompt.substring(0, MediaRequest.MAX_PROMPT_CHARS);
        return Optional.of(MediaRequest.of(k, prompt));
    }

    private static JsonNode schema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode kind = properties.putObject("kind").put("type", "string")
                .put("description", "image for a picture, music for a tune, video for a short animated clip");
        kind.putArray("enum").add("image").add("music").add("video");
        properties.putObject("prompt").put("type", "string")
                .put("description", "what to make, in detail, in the user's language");
        schema.putArray("required").add("kind").add("prompt");
        return schema;
    }
}
