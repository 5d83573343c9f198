package dev.colossus.app.http;

import dev.colossus.assistant.conversation.Conversation;
import dev.colossus.assistant.conversation.Conversations;
import dev.colossus.assistant.conversation.StoredMessage;
import dev.colossus.assistant.persona.Personas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of the conversations API: conversations and their messages, ids as strings as Mastodon writes them. */
final class ConversationJson {

    private ConversationJson() {
    }

    /** {@code {id, mode, model, title, created_at, updated_at}}. */
    static Map<String, Object> conversation(Conversation c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(c.id()));
        m.put("mode", c.persona());
        m.put("model", Personas.modelId(c.persona()));
        m.put("title", c.title());
        m.put("created_at", MastodonJson.time(c.createdAt()));
        m.put("updated_at", MastodonJson.time(c.updatedAt()));
        return m;
    }

    /** The conversation with its messages, oldest first. */
    static Map<String, Object> withMessages(Conversation c, List<StoredMessage> messages) {
        Map<String, Object> m = conversation(c);
        m.put("messages", messages.stream().map(ConversationJson::message).toList());
        return m;
    }

    /** {@code {id, role, content, citations: [{number, status_id, acct, url}], created_at}}. */
    static Map<String, Object> message(StoredMessage message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(message.id()));
        m.put("role", message.role());
        m.put("content", message.content());
        m.put("citations", message.citations().stream().map(CitationJson::of).toList());
        m.put("created_at", MastodonJson.time(message.createdAt()));
        return m;
    }

    /** The answer of a turn, with how it ended and what it cost. */
    static Map<String, Object> reply(Conversations.Reply reply) {
        Map<String, Object> m = message(reply.answer());
        m.put("finish_reason", reply.details().finish().openAiName());
        m.put("usage", Map.of("prompt_tokens", reply.details().usage().promptTokens(),
                "completion_tokens", reply.details().usage().completionTokens(),
                "total_tokens", reply.details().usage().totalTokens()));
        return m;
    }
}
