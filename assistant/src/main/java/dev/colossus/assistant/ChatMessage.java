package dev.colossus.assistant;

import dev.colossus.assistant.backend.ToolCall;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation, as in OpenAI's API: {@code role} is system, user, assistant or tool.
 *
 * @param toolCalls  an assistant message's calls of tools (empty for none)
 * @param toolCallId a tool message's answer is to this call (null for other roles)
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A message without tool calls. */
    public ChatMessage(String role, String content) {
        this(role, content, List.of(), null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
