package dev.colossus.assistant.conversation;

import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.grounding.Citation;

import java.time.Instant;
import java.util.List;

/**
 * One stored message of a {@link Conversation}.
 *
 * @param id        snowflake id, in the order of the conversation
 * @param role      {@code user} or {@code assistant}
 * @param content   the text (an assistant's with its {@code [n]} markers)
 * @param citations the posts an assistant message cites (empty for a user's)
 * @param createdAt when it was stored
 */
public record StoredMessage(long id, String role, String content, List<Citation> citations, Instant createdAt) {

    public StoredMessage {
        citations = List.copyOf(citations);
    }

    /** The message as the model is given it. */
    public ChatMessage chatMessage() {
        return new ChatMessage(role, content);
    }
}
