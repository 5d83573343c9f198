package dev.colossus.app.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.Answer;
import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.Completion;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.ResponseFormat;
import dev.colossus.assistant.backend.ToolCall;
import dev.colossus.assistant.backend.ToolChoice;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.backend.Usage;
import dev.colossus.assistant.conversation.Conversation;
import dev.colossus.assistant.conversation.Conversations;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SearchParameters;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.persona.Personas;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * OpenAI's API under {@code /v1}: {@code GET /v1/models}, {@code POST /v1/chat/completions} (streaming and not),
 * {@code POST /v1/completions}. The models are the assistant in each persona ({@code colossus}, {@code colossus-fun},
 * ...: persona, grounding in posts, citations) and the configured backend's own model id (raw: no persona, no
 * grounding). Extensions: {@code search_parameters} in requests and {@code citations} (the cited posts' URLs) in
 * answers; {@code conversation_id} continues a stored conversation (see {@link Conversations}). Every generation
 * takes a turn from a bounded {@link GenerationQueue}; when none is free the answer is 429 (queue full) or 503 (waited
 * too long).
 */
public final class OpenAiApi {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Assistant assistant;
    private final Personas personas;
    private final GenerationQueue queue;
    private final Conversations conversations;
    private final Auth auth;
    private final long created = System.currentTimeMillis() / 1000;

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
        this.assistant = assistant;
        this.personas = personas;
        this.queue = queue;
        this.conversations = conversations;
        this.auth = auth;
    }

    /** Registers the routes on a Javalin configuration. */
    public void install(JavalinConfig config) {
        config.routes.get("/v1/models", ctx -> handle(ctx, this::models));
        config.routes.post("/v1/chat/completions", ctx -> handle(ctx, this::chatCompletions));
        config.routes.post("/v1/completions", ctx -> handle(ctx, this::completions));
    }

    private interface Handler {
        void handle(Context ctx) throws Exception;
    }

    private static void handle(Context ctx, Handler handler) {
        try {
            handler.handle(ctx);
        } catch (OpenAiError e) {
            respond(ctx, e);
        } catch (SseStream.ClientGone e) {
            LOG.debug("client went away during an answer");
        } catch (Exception e) {
            LOG.error("request to {} failed", ctx.path(), e);
            respond(ctx, new OpenAiError(500, "server_error", null, null, "The server failed to answer: " + e.getMessage()));
        }
    }

    private static void respond(Context ctx, OpenAiError e) {
        if (ctx.res().isCommitted()) return;
        ctx.status(e.status()).contentType("application/json").result(write(e.body()));
    }

    // ---- GET /v1/models ----

    private void models(Context ctx) {
        ArrayNode data = JSON.createArrayNode();
        for (Persona p : personas.all()) model(data, Personas.modelId(p), "colossus");
        assistant.backend().ifPresent(b -> model(data, b.modelId(), "local"));
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.set("data", data);
        ctx.contentType("application/json").result(list.toString());
    }

    private void model(ArrayNode data, String id, String owner) {
        data.addObject().put("id", id).put("object", "model").put("created", created).put("owned_by", owner);
    }

    // ---- POST /v1/chat/completions ----

    /** Writes one answer: the generation behind a chat response, whichever model or conversation it comes from. */
    private interface Answerer {
        Result run(TokenSink sink, Cancellation cancel);
    }

    private void chatCompletions(Context ctx) throws Exception {
        ChatRequest request = ChatRequest.parse(body(ctx), true);
        Optional<Persona> persona = personas.forModelId(request.model());
        if (persona.isPresent() && !(request.responseFormat() instanceof ResponseFormat.Text)) {
            throw OpenAiError.invalid("response_format", "'response_format' applies to a loaded model's id; the "
                    + "assistant '" + request.model() + "' answers in text.");
        }
        if (persona.isPresent() && !request.tools().isEmpty() && !(request.toolChoice() instanceof ToolChoice.None)) {
            throw OpenAiError.invalid("tools", "'tools' apply to a loaded model's id; the assistant '"
                    + request.model() + "' uses its own.");
        }
        Answerer answerer;
        if (request.conversationId() != null) {
            Persona p = persona.orElseThrow(() -> OpenAiError.invalid("conversation_id",
                    "Conversations are with the assistant: use the model colossus or colossus-fun."));
            answerer = inConversation(conversation(ctx, request.conversationId()), question(p, request));
        } else if (persona.isPresent()) {
            Question question = question(persona.get(), request);
            answerer = (sink, cancel) -> result(question, assistant.answer(question, sink, cancel), null);
        } else {
            ChatBackend raw = rawModel(request.model());
            answerer = (sink, cancel) -> {
                Completion done = raw.chat(request.messages(), rawOptions(request), sink, cancel);
                return new Result(done.text(), done.finishReason().openAiName(), done.usage(), null, null,
                        done.toolCalls());
            };
        }
        String id = "chatcmpl-" + randomId();
        try (GenerationQueue.Turn turn = OpenAiError.enter(queue)) {
            Cancellation cancel = new Cancellation();
            if (request.stream()) {
                streamChat(ctx, request.model(), request.includeUsage(), id, answerer, cancel);
            } else {
                Result result = generate(() -> answerer.run(TokenSink.IGNORE, cancel));
                ObjectNode response = envelope(id, "chat.completion", request.model());
                ObjectNode choice = response.putArray("choices").addObject().put("index", 0);
                ObjectNode message = choice.putObject("message").put("role", "assistant");
                if (result.toolCalls().isEmpty() || !result.text().isEmpty()) message.put("content", result.text());
                else message.putNull("content");
                if (!result.toolCalls().isEmpty()) message.set("tool_calls", toolCalls(result.toolCalls()));
                choice.putNull("logprobs");
                choice.put("finish_reason", result.finishReason());
                response.set("usage", usage(result.usage()));
                if (result.citations() != null) response.set("citations", citations(result.citations()));
                if (result.extra() != null) response.setAll(result.extra());
                ctx.contentType("application/json").result(response.toString());
            }
        }
    }

    /**
     * Answers a turn of a stored conversation as a stream of OpenAI chunks (the conversations API's
     * {@code stream: true}); the last chunk carries {@code conversation_id} and the stored {@code message}.
     */
    void streamConversationTurn(Context ctx, Conversation conversation, Question question) throws Exception {
        try (GenerationQueue.Turn turn = OpenAiError.enter(queue)) {
            streamChat(ctx, Personas.modelId(question.persona()), false, "chatcmpl-" + randomId(),
                    inConversation(conversation, question), new Cancellation());
        }
    }

    /** Answers a turn of a stored conversation and returns it once stored. */
    Conversations.Reply conversationTurn(Conversation conversation, Question question) throws InterruptedException {
        try (GenerationQueue.Turn turn = OpenAiError.enter(queue)) {
            return generate(() -> conversations.reply(conversation, question, TokenSink.IGNORE, new Cancellation()));
        }
    }

    private Answerer inConversation(Conversation conversation, Question question) {
        return (sink, cancel) -> {
            Conversations.Reply reply = conversations.reply(conversation, question, sink, cancel);
            ObjectNode extra = JSON.createObjectNode().put("conversation_id", Long.toString(conversation.id()));
            extra.set("message", JSON.valueToTree(ConversationJson.message(reply.answer())));
            return result(question, reply.details(), extra);
        };
    }

    /** The user's conversation named by {@code conversation_id}; errors in OpenAI's shape. */
    private Conversation conversation(Context ctx, long id) {
        if (conversations == null) {
            throw OpenAiError.invalid("conversation_id", "This server does not store conversations.");
        }
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

    private void streamChat(Context ctx, String model, boolean includeUsage, String id, Answerer answerer,
                            Cancellation cancel) throws Exception {
        SseStream sse = new SseStream(ctx.res(), cancel);
        Function<ObjectNode, ObjectNode> chunk = delta -> {
            ObjectNode c = envelope(id, "chat.completion.chunk", model);
            ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.putNull("logprobs");
            choice.putNull("finish_reason");
            return c;
        };
        sse.send(chunk.apply(JSON.createObjectNode().put("role", "assistant").put("content", "")).toString());
        Result result;
        try {
            result = generate(() -> answerer.run(
                    piece -> sse.send(chunk.apply(JSON.createObjectNode().put("content", piece)).toString()), cancel));
        } catch (OpenAiError e) {
            sse.send(write(e.body()));
            sse.send("[DONE]");
            return;
        }
        if (!result.toolCalls().isEmpty()) {
            ObjectNode delta = JSON.createObjectNode();
            delta.set("tool_calls", toolCalls(result.toolCalls()));
            sse.send(chunk.apply(delta).toString());
        }
        ObjectNode last = chunk.apply(JSON.createObjectNode());
        ((ObjectNode) last.get("choices").get(0)).put("finish_reason", result.finishReason());
        if (result.citations() != null) last.set("citations", citations(result.citations()));
        if (result.extra() != null) last.setAll(result.extra());
        sse.send(last.toString());
        if (includeUsage) {
            ObjectNode usage = envelope(id, "chat.completion.chunk", model);
            usage.putArray("choices");
            usage.set("usage", usage(result.usage()));
            sse.send(usage.toString());
        }
        sse.send("[DONE]");
    }

    // ---- POST /v1/completions ----

    private void completions(Context ctx) throws Exception {
        ChatRequest request = ChatRequest.parse(body(ctx), false);
        ChatBackend backend = rawModel(request.model());
        String id = "cmpl-" + randomId();
        try (GenerationQueue.Turn turn = OpenAiError.enter(queue)) {
            Cancellation cancel = new Cancellation();
            GenerationOptions options = rawOptions(request);
            if (request.stream()) {
                SseStream sse = new SseStream(ctx.res(), cancel);
                Function<String, ObjectNode> chunk = text -> {
                    ObjectNode c = envelope(id, "text_completion", request.model());
                    c.putArray("choices").addObject().put("text", text).put("index", 0).putNull("logprobs")
                            .putNull("finish_reason");
                    return c;
                };
                Completion done;
                try {
                    done = generate(() -> backend.complete(request.prompt(), options,
                            piece -> sse.send(chunk.apply(piece).toString()), cancel));
                } catch (OpenAiError e) {
                    sse.send(write(e.body()));
                    sse.send("[DONE]");
                    return;
                }
                ObjectNode last = chunk.apply("");
                ((ObjectNode) last.get("choices").get(0)).put("finish_reason", done.finishReason().openAiName());
                if (request.includeUsage()) last.set("usage", usage(done.usage()));
                sse.send(last.toString());
                sse.send("[DONE]");
            } else {
                Completion done = generate(() -> backend.complete(request.prompt(), options, TokenSink.IGNORE, cancel));
                ObjectNode response = envelope(id, "text_completion", request.model());
                response.putArray("choices").addObject().put("text", done.text()).put("index", 0).putNull("logprobs")
                        .put("finish_reason", done.finishReason().openAiName());
                response.set("usage", usage(done.usage()));
                ctx.contentType("application/json").result(response.toString());
            }
        }
    }

    // ---- shared ----

    /**
     * An answer in the API's terms; {@code citations} is null when the request did not ask for them, {@code extra}
     * holds extension fields for the response (null for none).
     */
    private record Result(String text, String finishReason, Usage usage, List<Citation> citations, ObjectNode extra,
                          List<ToolCall> toolCalls) {
    }

    private static Result result(Question question, Answer answer, ObjectNode extra) {
        return new Result(answer.text(), answer.finish().openAiName(), answer.usage(),
                question.search().returnCitations() ? answer.citations() : null, extra, List.of());
    }

    /** OpenAI's {@code tool_calls}: each with its index, id, type and function (arguments as a JSON string). */
    private static ArrayNode toolCalls(List<ToolCall> calls) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            out.addObject().put("index", i).put("id", "call_" + c.id()).put("type", "function").putObject("function")
                    .put("name", c.name()).put("arguments", c.arguments().toString());
        }
        return out;
    }

    private interface Generation<T> {
        T run();
    }

    /** Runs a generation, turning backend failures into API errors. */
    private static <T> T generate(Generation<T> generation) {
        try {
            return generation.run();
        } catch (BackendException e) {
            String type = e.kind() == BackendException.Kind.BAD_REQUEST ? "invalid_request_error" : "server_error";
            throw new OpenAiError(e.kind().httpStatus(), type, null, e.kind().name().toLowerCase(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw OpenAiError.invalid(null, e.getMessage());
        }
    }

    private Question question(Persona persona, ChatRequest request) {
        SearchParameters search;
        try {
            search = SearchParameters.fromJson(request.searchParameters(), SearchMode.AUTO);
        } catch (IllegalArgumentException e) {
            throw OpenAiError.invalid("search_parameters", e.getMessage());
        }
        return new Question(persona, request.messages(), search, request.temperature(), request.topP(),
                request.maxTokens(), request.stop(), request.seed());
    }

    private ChatBackend rawModel(String model) {
        Optional<ChatBackend> backend = assistant.backend();
        if (backend.isPresent() && backend.get().modelId().equals(model)) return backend.get();
        String why = personas.forModelId(model).isPresent()
                ? "'" + model + "' is the assistant, which answers on /v1/chat/completions; plain completions need a loaded model's id"
                : "The model '" + model + "' does not exist";
        if (backend.isEmpty()) {
            throw new OpenAiError(404, "invalid_request_error", "model", "model_not_found",
                    why + ", and no generative model is loaded. " + Assistant.HOW_TO_ADD_A_MODEL);
        }
        throw new OpenAiError(404, "invalid_request_error", "model", "model_not_found",
                why + ". GET /v1/models lists the models available.");
    }

    private GenerationOptions rawOptions(ChatRequest request) {
        int limit = assistant.limits().maxOutputTokens();
        return new GenerationOptions(request.temperature() != null ? request.temperature() : 0.8,
                request.topP() != null ? request.topP() : 0.95,
                Math.min(request.maxTokens() != null ? request.maxTokens() : limit, limit),
                request.stop(), request.seed(), assistant.limits().timeLimit(), request.responseFormat(),
                request.tools(), request.toolChoice());
    }

    private ObjectNode envelope(String id, String object, String model) {
        return JSON.createObjectNode().put("id", id).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
    }

    private static ObjectNode usage(Usage usage) {
        return JSON.createObjectNode().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
    }

    private static ArrayNode citations(List<Citation> citations) {
        ArrayNode urls = JSON.createArrayNode();
        citations.forEach(c -> urls.add(c.url()));
        return urls;
    }

    private static JsonNode body(Context ctx) {
        try {
            return JSON.readTree(ctx.bodyAsBytes());
        } catch (JacksonException e) {
            throw OpenAiError.invalid(null, "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw OpenAiError.invalid(null, "The request body could not be read.");
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
