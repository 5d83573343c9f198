package dev.colossus.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.conversation.Conversation;
import dev.colossus.assistant.conversation.Conversations;
import dev.colossus.assistant.persona.Personas;
import io.javalin.http.Context;

import static dev.colossus.app.http.OpenAiJson.JSON;

/**
 * A turn of a user's stored conversation answered over HTTP, for both the conversations API and the
 * {@code conversation_id} extension of {@code /v1/chat/completions}: the stored history goes to the assistant, both
 * turns are stored, and the answer carries {@code conversation_id} and the stored {@code message}. Errors are
 * {@link OpenAiError}s. Thread-safe.
 */
final class ConversationTurns {

    private final Conversations conversations;
    private final Auth auth;
    private final GenerationQueue queue;
    private final ChatGeneration generation;

    ConversationTurns(Conversations conversations, Auth auth, GenerationQueue queue, ChatGeneration generation) {
        this.conversations = conversations;
        this.auth = auth;
        this.queue = queue;
        this.generation = generation;
    }

    /** The answer to {@code question} in {@code conversation}, stored with it once complete. */
    ChatAnswer.Source source(Conversation conversation, Question question) {
        return (sink, cancel) -> {
            Conversations.Reply reply = conversations.reply(conversation, question, sink, cancel);
            ObjectNode extra = JSON.createObjectNode().put("conversation_id", Long.toString(conversation.id()));
            extra.set("message", JSON.valueToTree(ConversationJson.message(reply.answer())));
            return ChatAnswer.of(question, reply.details(), extra);
        };
    }

    /** Streams the answer as OpenAI chunks; the last one carries {@code conversation_id} and the stored message. */
    void stream(Context ctx, Conversation conversation, Question question) throws Exception {
        generation.answer(ctx, Personas.modelId(question.persona()), true, false, source(conversation, question));
    }

    /** Answers a turn and returns it once stored. */
    Conversations.Reply reply(Conversation conversation, Question question) throws InterruptedException {
        try (GenerationQueue.Turn turn = OpenAiError.enter(queue)) {
            return OpenAiError.during(() -> conversations.reply(conversation, question, TokenSink.IGNORE,
                    new Cancellation()));
        }
    }

    /**
     * The caller's conversation named by {@code conversation_id}: 401 without a user's token (403 without scope
     * {@code write}), 404 for one that is not the caller's.
     */
    Conversation find(Context ctx, long id) {
        long account;
        try {
            account = auth.user(ctx, "write").accountId();
        } catch (ApiError e) {
            throw new OpenAiError(e.status(), "invalid_request_error", null, e.status() == 401 ? "invalid_api_key" : null,
                    e.getMessage() + " (conversation_id needs a user's access token)");
        }
        return conversations.find(account, id).orElseThrow(() -> new OpenAiError(404, "invalid_request_error",
                "conversation_id", "conversation_not_found", "There is no conversation " + id + "."));
    }
}
