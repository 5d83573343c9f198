package dev.colossus.app.http;

import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.conversation.Conversations;
import dev.colossus.assistant.persona.Personas;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI's API under {@code /v1}, split by route as the Mastodon API is: {@code GET /v1/models}
 * ({@link ModelRoutes}), {@code POST /v1/chat/completions} ({@link ChatCompletionRoutes}), {@code POST
 * /v1/completions} ({@link CompletionRoutes}), {@code POST /v1/embeddings} ({@link EmbeddingRoutes}); one
 * generation is answered or streamed by {@link ChatGeneration}. The models are the assistant in each persona ({@code colossus}, {@code colossus-fun}, ...: persona, grounding in posts,
 * citations) and the configured backend's own model id (raw: no persona, no grounding). Extensions:
 * {@code search_parameters} in requests and {@code citations} (the cited posts' URLs) in answers;
 * {@code conversation_id} continues a stored conversation (see {@link Conversations}). Every generation takes a turn
 * from a bounded {@link GenerationQueue}; when none is free the answer is 429 (queue full) or 503 (waited too long).
 * Errors are OpenAI's {@code {"error": {"message", "type", "param", "code"}}}, never a stack trace. Who may call
 * {@code /v1} is decided before these routes, by {@link OpenAiAccess}.
 */
public final class OpenAiApi {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiApi.class);

    private final ModelRoutes models;
    private final ChatCompletionRoutes chat;
    private final CompletionRoutes completions;
    private final EmbeddingRoutes embeddings;

    /** The API without stored conversations: {@code conversation_id} is refused. */
    public OpenAiApi(Assistant assistant, Personas personas, GenerationQueue queue) {
        this(assistant, personas, queue, null, null);
    }

    /**
     * The API with stored conversations: a chat request with {@code conversation_id} and a user's bearer token
     * continues that user's conversation (its stored history replaces the request's earlier messages).
     */
    public OpenAiApi(Assistant assistant, Personas personas, GenerationQueue queue, Conversations conversations,
                     Auth auth) {
        ChatGeneration generation = new ChatGeneration(queue);
        this.models = new ModelRoutes(assistant, personas);
        this.chat = new ChatCompletionRoutes(assistant, models, generation,
                conversations == null ? null : new ConversationTurns(conversations, auth, queue, generation));
        this.completions = new CompletionRoutes(models, queue);
        this.embeddings = new EmbeddingRoutes(models, queue);
    }

    /** Registers the routes on a Javalin configuration. */
    public void install(JavalinConfig config) {
        models.register(config.routes);
        chat.register(config.routes);
        completions.register(config.routes);
        embeddings.register(config.routes);
    }

    interface Handler {
        void handle(Context ctx) throws Exception;
    }

    /** Runs a route, answering every failure in OpenAI's error shape (a client gone mid-stream is only logged). */
    static void handle(Context ctx, Handler handler) {
        try {
            handler.handle(ctx);
        } catch (OpenAiError e) {
            respond(ctx, e);
        } catch (HttpResponseException e) {
            respond(ctx, OpenAiError.of(e));
        } catch (SseStream.ClientGone e) {
            LOG.debug("client went away during an answer");
        } catch (Exception e) {
            LOG.error("request to {} failed", ctx.path(), e);
            respond(ctx, new OpenAiError(500, "server_error", null, null, "The server failed to answer: " + e.getMessage()));
        }
    }

    static void respond(Context ctx, OpenAiError e) {
        if (ctx.res().isCommitted()) return;
        if (e.status() == 413) Http.discardBody(ctx);
        ctx.status(e.status()).contentType("application/json").result(OpenAiJson.write(e.body()));
    }
}
