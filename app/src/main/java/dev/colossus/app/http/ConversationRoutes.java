package dev.colossus.app.http;

import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.conversation.Conversation;
import dev.colossus.assistant.conversation.Conversations;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SearchParameters;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.persona.Personas;
import dev.colossus.social.Page;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Map;

/**
 * The signed-in user's conversations with the assistant, with Mastodon's bearer tokens and errors:
 * <ul>
 *   <li>{@code POST /api/v1/colossus/conversations} {@code {mode?}}: starts one (mode {@code regular} by default)</li>
 *   <li>{@code GET /api/v1/colossus/conversations}: the user's, newest first, paged with {@code max_id},
 *       {@code min_id}, {@code since_id}, {@code limit} and a {@code Link} header</li>
 *   <li>{@code GET /api/v1/colossus/conversations/:id}: one with its messages and their citations</li>
 *   <li>{@code DELETE /api/v1/colossus/conversations/:id}</li>
 *   <li>{@code POST /api/v1/colossus/conversations/:id/messages} {@code {content, mode?, stream?}}: asks the next
 *       question; the answer is the stored assistant message as JSON, or with {@code stream} OpenAI's chat chunks
 *       as server-sent events, the last one holding the stored {@code message}</li>
 * </ul>
 * Another user's conversation answers 404, as if it did not exist.
 */
public final class ConversationRoutes {

    private static final String BASE = "/api/v1/colossus/conversations";
    /** Most messages {@code GET :id} shows: the newest. */
    static final int MESSAGES_SHOWN = 1000;

    private final Auth auth;
    private final String publicUrl;
    private final Conversations conversations;
    private final Personas personas;
    private final ConversationTurns turns;

    /** @param queue the generation queue every answer takes a turn from (429 when full, 503 after waiting too long) */
    public ConversationRoutes(Auth auth, String publicUrl, Conversations conversations, Personas personas,
                              GenerationQueue queue) {
        this.auth = auth;
        this.publicUrl = publicUrl;
        this.conversations = conversations;
        this.personas = personas;
        this.turns = new ConversationTurns(conversations, auth, queue, new ChatGeneration(queue));
    }

    /** Registers the routes (their errors are answered by {@link MastodonApi}'s handlers). */
    public void install(JavalinConfig c) {
        c.routes.post(BASE, this::create);
        c.routes.get(BASE, this::list);
        c.routes.get(BASE + "/{id}", ctx -> {
            Conversation conversation = owned(ctx, "read");
            Http.json(ctx, ConversationJson.withMessages(conversation,
                    conversations.messages(conversation, MESSAGES_SHOWN)));
        });
        c.routes.delete(BASE + "/{id}", ctx -> {
            long account = auth.user(ctx, "write").accountId();
            if (!conversations.delete(account, Params.parseId(ctx.pathParam("id"), "id"))) throw notFound();
            Http.json(ctx, Map.of());
        });
        c.routes.post(BASE + "/{id}/messages", this::post);
    }

    private void create(Context ctx) {
        long account = auth.user(ctx, "write").accountId();
        String mode = Params.of(ctx).string("mode");
        Persona persona = mode == null || mode.isBlank() ? Persona.REGULAR : persona(mode);
        Http.json(ctx, ConversationJson.conversation(conversations.start(account, persona)));
    }

    private void list(Context ctx) {
        long account = auth.user(ctx, "read").accountId();
        Page<Conversation> page = conversations.list(account, Http.pageRequest(ctx));
        Http.link(ctx, Http.origin(ctx, publicUrl), page);
        Http.json(ctx, page.items().stream().map(ConversationJson::conversation).toList());
    }

    private void post(Context ctx) throws Exception {
        Conversation conversation = owned(ctx, "write");
        Params p = Params.of(ctx);
        String content = p.string("content");
        if (content == null || content.isBlank()) throw new ApiError(422, "content must not be empty");
        if (content.length() > ChatRequest.MAX_CONTENT_CHARS) {
            throw new ApiError(422, "content may have at most " + ChatRequest.MAX_CONTENT_CHARS + " characters");
        }
        String mode = p.string("mode");
        Persona persona = mode == null || mode.isBlank() ? conversations.persona(conversation) : persona(mode);
        Question question = Question.simple(persona, content.strip(), SearchParameters.defaults(SearchMode.AUTO));
        try {
            if (p.bool("stream", false)) {
                turns.stream(ctx, conversation, question);
            } else {
                Http.json(ctx, ConversationJson.reply(turns.reply(conversation, question)));
            }
        } catch (OpenAiError e) {
            throw new ApiError(e.status(), e.getMessage());
        } catch (SseStream.ClientGone e) {
            // The client left mid-answer: the generation stopped and the turn was not stored.
        }
    }

    private Conversation owned(Context ctx, String scope) {
        long account = auth.user(ctx, scope).accountId();
        return conversations.find(account, Params.parseId(ctx.pathParam("id"), "id")).orElseThrow(ConversationRoutes::notFound);
    }

    private static ApiError notFound() {
        return new ApiError(404, "Record not found");
    }

    /** A mode is a persona id ({@code regular}, {@code fun}, ...) or its model id ({@code colossus-fun}). */
    private Persona persona(String mode) {
        String m = mode.strip();
        return personas.find(m).or(() -> personas.forModelId(m)).orElseThrow(() -> new ApiError(422,
                "unknown mode '" + m + "' (known: " + String.join(", ",
                        personas.all().stream().map(Persona::id).toList()) + ")"));
    }
}
