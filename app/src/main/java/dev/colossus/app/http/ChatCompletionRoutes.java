package dev.colossus.app.http;

import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.ResponseFormat;
import dev.colossus.assistant.backend.ToolChoice;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SearchParameters;
import dev.colossus.assistant.persona.Persona;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * {@code POST /v1/chat/completions}: the assistant in a persona (grounded in posts, with {@code search_parameters}
 * and {@code citations}), a stored conversation ({@code conversation_id}), or a loaded model's own id (raw, with
 * {@code response_format} and {@code tools}); answered at once or streamed by {@link ChatGeneration}.
 */
final class ChatCompletionRoutes {

    private final Assistant assistant;
    private final ModelRoutes models;
    private final ChatGeneration generation;
    private final ConversationTurns turns;

    /** @param turns stored conversations, or null to refuse {@code conversation_id} */
    ChatCompletionRoutes(Assistant assistant, ModelRoutes models, ChatGeneration generation, ConversationTurns turns) {
        this.assistant = assistant;
        this.models = models;
        this.generation = generation;
        this.turns = turns;
    }

    void register(RoutesConfig r) {
        r.post("/v1/chat/completions", ctx -> OpenAiApi.handle(ctx, this::chatCompletions));
    }

    private void chatCompletions(Context ctx) throws Exception {
        ChatRequest request = ChatRequest.parse(OpenAiJson.body(ctx), true);
        Optional<Persona> persona = models.persona(request.model());
        if (persona.isPresent() && !(request.responseFormat() instanceof ResponseFormat.Text)) {
            throw OpenAiError.invalid("response_format", "'response_format' applies to a loaded model's id; the "
                    + "assistant '" + request.model() + "' answers in text.");
        }
        if (persona.isPresent() && !request.tools().isEmpty() && !(request.toolChoice() instanceof ToolChoice.None)) {
            throw OpenAiError.invalid("tools", "'tools' apply to a loaded model's id; the assistant '"
                    + request.model() + "' uses its own.");
        }
        generation.answer(ctx, request.model(), request.stream(), request.includeUsage(),
                source(ctx, request, persona));
    }

    private ChatAnswer.Source source(Context ctx, ChatRequest request, Optional<Persona> persona) {
        if (request.conversationId() != null) {
            Persona p = persona.orElseThrow(() -> OpenAiError.invalid("conversation_id",
                    "Conversations are with the assistant: use the model colossus or colossus-fun."));
            if (turns == null) throw OpenAiError.invalid("conversation_id", "This server does not store conversations.");
            return turns.source(turns.find(ctx, request.conversationId()), question(p, request));
        }
        if (persona.isPresent()) {
            Question question = question(persona.get(), request);
            return (sink, cancel) -> ChatAnswer.of(question, assistant.answer(question, sink, cancel), null);
        }
        ChatBackend raw = models.raw(request.model());
        return (sink, cancel) -> ChatAnswer.of(raw.chat(request.messages(), models.rawOptions(request), sink, cancel),
                request.logprobs() >= 0);
    }

    private static Question question(Persona persona, ChatRequest request) {
        SearchParameters search;
        try {
            search = SearchParameters.fromJson(request.searchParameters(), SearchMode.AUTO);
        } catch (IllegalArgumentException e) {
            throw OpenAiError.invalid("search_parameters", e.getMessage());
        }
        return new Question(persona, request.messages(), search, request.temperature(), request.topP(),
                request.maxTokens(), request.stop(), request.seed());
    }
}
