package dev.colossus.assistant.backend;

import dev.colossus.assistant.ChatMessage;

import dev.colossus.engine.FinishReason;
import java.util.List;

/**
 * Something that generates text: the local engine or a remote OpenAI-compatible server. One instance is shared by
 * all conversations; implementations are thread-safe and accept concurrent calls.
 *
 * <p>Both methods block until the answer ends, stream its pieces to {@code sink} as they arrive, and return the
 * complete answer. When {@code cancel} fires they stop as soon as they can and return what was generated so far
 * with {@link FinishReason#CANCELLED}; when the options' time limit passes, with {@link FinishReason#TIME_LIMIT}.
 * Failures are {@link BackendException}s.
 */
public sealed interface ChatBackend extends AutoCloseable permits LocalBackend, OpenAiCompatibleBackend {

    /** The model's id as listed by {@code GET /v1/models}. */
    String modelId();

    /** Answers a conversation, formatted the way the model expects (its chat template). */
    Completion chat(List<ChatMessage> messages, GenerationOptions options, TokenSink sink, Cancellation cancel);

    /** Continues raw text: no template, no persona. */
    Completion complete(String prompt, GenerationOptions options, TokenSink sink, Cancellation cancel);

    /** Roughly how many tokens {@code text} takes for this model; exact where the tokenizer is known. */
    int countTokens(String text);

    /**
     * Roughly how many prompt tokens {@link #chat} would send for these messages, template included; exact where
     * the tokenizer and template are known.
     */
    int countTokens(List<ChatMessage> messages);

    /** The model's context window in tokens. */
    int contextLength();

    /**
     * Embeds texts with this model: the local engine mean-pools its hidden states ({@link
     * dev.colossus.engine.Engine#embed}); a remote server is asked at {@code /embeddings}.
     *
     * @throws BackendException BAD_REQUEST for an empty text or one longer than the context; UNAVAILABLE when a
     *                          remote server fails or has no embeddings
     */
    Embeddings embed(List<String> texts, Cancellation cancel);

    @Override
    default void close() {
    }
}
