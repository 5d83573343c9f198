package dev.colossus.assistant.backend;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.ChatMessage;

import dev.colossus.engine.FinishReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A model served by any OpenAI-compatible server (xAI, OpenAI, Ollama, vLLM, llama.cpp's server, or another
 * Colossus), over {@code java.net.http}. Answers are always requested as SSE streams
 * ({@code stream: true, stream_options.include_usage}) so that tokens reach the caller as they are generated and a
 * cancellation closes the connection, which makes the server stop.
 *
 * <p>Usage counts are the server's; a server that sends none gets prompt tokens estimated from the text length and
 * completion tokens counted as streamed chunks. Thread-safe.
 */
public final class OpenAiCompatibleBackend implements ChatBackend {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** Tokens a chat template typically spends on one message's role markers. */
    private static final int MESSAGE_OVERHEAD = 4;

    private final URI baseUrl;
    private final String apiKey;
    private final String model;
    private final int contextLength;
    private final HttpClient http;

    /**
     * @param baseUrl       the API root including its version path, e.g. {@code https://api.x.ai/v1}
     * @param apiKey        sent as {@code Authorization: Bearer}; null or blank for servers without keys
     * @param model         the remote model name, sent as {@code model}
     * @param contextLength the model's context window in tokens, used to budget prompts
     */
    public OpenAiCompatibleBackend(URI baseUrl, String apiKey, String model, int contextLength) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        if (!"http".equals(this.baseUrl.getScheme()) && !"https".equals(this.baseUrl.getScheme())) {
            throw new IllegalArgumentException("remote model URL must be http or https, got " + baseUrl);
        }
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.model = Objects.requireNonNull(model, "model");
        this.contextLength = contextLength;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String modelId() {
        return model;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    /** An estimate (about four characters per token): the remote tokenizer is not known here. */
    @Override
    public int countTokens(String text) {
        return (text.length() + 3) / 4;
    }

    /** An estimate: each message's text plus a few tokens for its role markers. */
    @Override
    public int countTokens(List<ChatMessage> messages) {
        int total = 0;
        for (ChatMessage m : messages) total += countTokens(m.content()) + MESSAGE_OVERHEAD;
        return total;
    }

    @Override
    public Completion chat(List<ChatMessage> messages, GenerationOptions options, TokenSink sink, Cancellation cancel) {
        ObjectNode body = baseBody(options);
        if (options.logprobs() >= 0) body.put("logprobs", true).put("top_logprobs", options.logprobs());
        ArrayNode array = body.putArray("messages");
        int chars = 0;
        for (ChatMessage m : messages) {
            message(array, m);
            chars += m.content().length();
        }
        return stream("chat/completions", body, options, sink, cancel, (chars + 3) / 4, true);
    }

    @Override
    public Completion complete(String prompt, GenerationOptions options, TokenSink sink, Cancellation cancel) {
        ObjectNode body = baseBody(options);
        body.put("prompt", prompt);
        if (options.logprobs() >= 0) body.put("logprobs", Math.min(options.logprobs(), 5)); // the legacy API's limit
        return stream("completions", body, options, sink, cancel, countTokens(prompt), false);
    }

    /**
     * Offers the model one tool ({@code tool_choice: auto}) and returns its call, or empty when it answered in text
     * instead. The answer is requested whole ({@code stream: false}); {@code options.maxTokens} bounds the call's
     * arguments. Cancelling or the time limit ends the request with empty.
     *
     * @throws BackendException as {@link #chat} does; a server that does not support tools answers
     *                          {@link BackendException.Kind#BAD_REQUEST}
     */
    public Optional<ToolCall> callTool(List<ChatMessage> messages, Tool tool, GenerationOptions options,
                                       Cancellation cancel) {
        ObjectNode body = baseBody(options);
        body.put("stream", false);
        body.remove("stream_options");
        ArrayNode array = body.putArray("messages");
        for (ChatMessage m : messages) array.addObject().put("role", m.role()).put("content", m.content());
        ObjectNode function = body.putArray("tools").addObject().put("type", "function").putObject("function");
        function.put("name", tool.name()).put("description", tool.description()).set("parameters", tool.parameters());
        body.put("tool_choice", "auto");
        Optional<JsonNode> answer = postWhole("chat/completions", body, options.timeLimit(), cancel);
        if (answer.isEmpty()) return Optional.empty();
        JsonNode message = answer.get().path("choices").path(0).path("message");
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode f = call.path("function");
            if (!tool.name().equals(f.path("name").asText())) continue;
            String args = f.path("arguments").asText("");
            JsonNode parsed;
            try {
                parsed = args.isBlank() ? JSON.createObjectNode() : JSON.readTree(args);
            } catch (JacksonException e) {
                throw new BackendException(BackendException.Kind.PROTOCOL,
                        "the model called " + tool.name() + " with arguments that are not JSON: " + abbreviate(args));
            }
            return Optional.of(new ToolCall(tool.name(), parsed));
        }
        return Optional.empty();
    }

    /**
     * {@inheritDoc} One request for all texts ({@code input} as an array), vectors in the server's order by
     * {@code index}.
     */
    @Override
    public Embeddings embed(List<String> texts, Cancellation cancel) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("encoding_format", "float");
        ArrayNode input = body.putArray("input");
        texts.forEach(input::add);
        JsonNode answer = postWhole("embeddings", body, Duration.ofMinutes(2), cancel).orElseThrow(() ->
                new BackendException(BackendException.Kind.UNAVAILABLE, "the embeddings request was cancelled or timed out"));
        float[][] vectors = new float[texts.size()][];
        for (JsonNode item : answer.path("data")) {
            int index = item.path("index").asInt(-1);
            JsonNode values = item.path("embedding");
            if (index < 0 || index >= vectors.length || !values.isArray()) continue;
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) v[i] = (float) values.get(i).asDouble();
            vectors[index] = v;
        }
        for (float[] v : vectors) {
            if (v == null) {
                throw new BackendException(BackendException.Kind.PROTOCOL,
                        "the server's embeddings answer lacks some of the inputs");
            }
        }
        return new Embeddings(List.of(vectors), answer.path("usage").path("prompt_tokens").asInt(0));
    }

    /**
     * POSTs a JSON body and reads a whole JSON answer; empty when cancelled or out of time.
     *
     * @throws BackendException when the server answers an error or cannot be reached
     */
    private Optional<JsonNode> postWhole(String path, ObjectNode body, Duration timeout, Cancellation cancel) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null) request.header("Authorization", "Bearer " + apiKey);
        CompletableFuture<HttpResponse<InputStream>> pending =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        cancel.onCancel(() -> pending.cancel(true));
        try {
            HttpResponse<InputStream> response = pending.get();
            if (response.statusCode() != 200) throw httpError(response);
            try (InputStream in = response.body()) {
                return Optional.of(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) return Optional.empty();
            throw connectionError(e.getCause());
        } catch (java.util.concurrent.CancellationException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (IOException e) {
            throw connectionError(e);
        }
    }

    private ObjectNode baseBody(GenerationOptions options) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        body.put("temperature", options.temperature());
        body.put("top_p", options.topP());
        body.put("max_tokens", options.maxTokens());
        if (!options.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            options.stop().forEach(stop::add);
        }
        if (options.seed() != null) body.put("seed", options.seed());
        if (!(options.responseFormat() instanceof ResponseFormat.Text)) {
            body.set("response_format", options.responseFormat().toJson());
        }
        if (!options.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : options.tools()) {
                tools.addObject().put("type", "function").putObject("function").put("name", t.name())
                        .put("description", t.description()).set("parameters", t.parameters());
            }
            switch (options.toolChoice()) {
                case ToolChoice.Auto a -> body.put("tool_choice", "auto");
                case ToolChoice.None n -> body.put("tool_choice", "none");
                case ToolChoice.Required r -> body.put("tool_choice", "required");
                case ToolChoice.Named(String name) -> body.putObject("tool_choice").put("type", "function")
                        .putObject("function").put("name", name);
            }
        }
        return body;
    }

    /** A message as OpenAI takes it, with an assistant's tool calls and a tool answer's call id. */
    private static void message(ArrayNode array, ChatMessage m) {
        ObjectNode out = array.addObject().put("role", m.role()).put("content", m.content());
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = out.putArray("tool_calls");
            for (ToolCall c : m.toolCalls()) {
                calls.addObject().put("id", c.id()).put("type", "function").putObject("function")
                        .put("name", c.name()).put("arguments", c.arguments().toString());
            }
        }
        if (m.toolCallId() != null) out.put("tool_call_id", m.toolCallId());
    }

    /**
     * Tool calls as a server sends them: whole, or in deltas per index whose arguments arrive in pieces. Deltas of
     * a call whose first one has its id and name are passed on to the sink as they come.
     */
    private static final class ToolCallParts {
        private final java.util.TreeMap<Integer, String[]> parts = new java.util.TreeMap<>();
        private final java.util.Set<Integer> passedOn = new java.util.HashSet<>();

        void add(JsonNode calls, TokenSink sink) {
            for (int i = 0; i < calls.size(); i++) {
                JsonNode c = calls.get(i);
                int index = c.path("index").asInt(i);
                String[] p = parts.computeIfAbsent(index, k -> new String[]{"", "", ""});
                boolean first = p[0].isEmpty() && p[1].isEmpty() && p[2].isEmpty();
                if (c.hasNonNull("id")) p[0] = c.get("id").asText();
                String name = c.path("function").path("name").asText("");
                String arguments = c.path("function").path("arguments").asText("");
                p[1] += name;
                p[2] += arguments;
                if (first && !p[0].isEmpty() && !name.isEmpty()) {
                    passedOn.add(index);
                    sink.toolCall(new ToolCallDelta(index, p[0], name, arguments));
                } else if (passedOn.contains(index) && !arguments.isEmpty()) {
                    sink.toolCall(new ToolCallDelta(index, null, null, arguments));
                }
            }
        }

        List<ToolCall> calls() {
            List<ToolCall> out = new ArrayList<>();
            for (String[] p : parts.values()) {
                JsonNode args = p[2].isBlank() ? JSON.createObjectNode() : parse(p[2]);
                out.add(p[0].isEmpty() ? new ToolCall(p[1], args) : new ToolCall(p[0], p[1], args));
            }
            return out;
        }
    }

    private Completion stream(String path, ObjectNode body, GenerationOptions options, TokenSink sink,
                              Cancellation cancel, int estimatedPromptTokens, boolean chat) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(options.timeLimit())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null) request.header("Authorization", "Bearer " + apiKey);

        AtomicBoolean timeUp = new AtomicBoolean();
        AtomicReference<InputStream> open = new AtomicReference<>();
        CompletableFuture<HttpResponse<InputStream>> pending =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        Runnable abort = () -> {
            pending.cancel(true);
            InputStream in = open.get();
            if (in != null) closeQuietly(in);
        };
        cancel.onCancel(abort);
        CompletableFuture.delayedExecutor(options.timeLimit().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!pending.isDone() || open.get() != null) {
                timeUp.set(true);
                abort.run();
            }
        });

        StringBuilder text = new StringBuilder();
        int[] chunks = {0};
        Usage[] usage = {null};
        FinishReason[] finish = {FinishReason.END_OF_GENERATION};
        ToolCallParts calls = new ToolCallParts();
        List<TokenLogprob> logprobs = new ArrayList<>();
        try {
            HttpResponse<InputStream> response = pending.get();
            open.set(response.body());
            if (cancel.isCancelled() || timeUp.get()) closeQuietly(response.body());
            if (response.statusCode() != 200) throw httpError(response);
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json")) {
                readWholeAnswer(response.body(), chat, text, sink, usage, finish, calls, logprobs);
            } else {
                readEvents(response.body(), chat, text, sink, chunks, usage, finish, cancel, calls, logprobs);
            }
        } catch (ExecutionException e) {
            if (!cancel.isCancelled() && !timeUp.get()) throw connectionError(e.getCause());
        } catch (java.util.concurrent.CancellationException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!cancel.isCancelled() && !timeUp.get()) throw connectionError(e);
        } finally {
            InputStream in = open.get();
            if (in != null) closeQuietly(in);
        }
        if (cancel.isCancelled()) finish[0] = FinishReason.CANCELLED;
        else if (timeUp.get()) finish[0] = FinishReason.TIME_LIMIT;
        Usage counted = usage[0] != null ? usage[0] : new Usage(estimatedPromptTokens, chunks[0]);
        return new Completion(text.toString(), finish[0], counted, calls.calls(), logprobs);
    }

    /**
     * Adds a choice's log-probabilities: {@code logprobs.content} of the chat API, or the completions API's
     * {@code tokens}/{@code token_logprobs}/{@code top_logprobs} arrays.
     */
    private static void addLogprobs(JsonNode choice, boolean chat, List<TokenLogprob> out) {
        JsonNode l = choice.path("logprobs");
        if (chat) {
            for (JsonNode t : l.path("content")) {
                List<TokenLogprob> top = new ArrayList<>();
                for (JsonNode a : t.path("top_logprobs")) top.add(remoteToken(a, List.of()));
                out.add(remoteToken(t, top));
            }
            return;
        }
        JsonNode tokens = l.path("tokens"), values = l.path("token_logprobs"), tops = l.path("top_logprobs");
        for (int i = 0; i < tokens.size(); i++) {
            List<TokenLogprob> top = new ArrayList<>();
            tops.path(i).properties().forEach(e -> top.add(TokenLogprob.of(
                    e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue().asDouble(), List.of())));
            out.add(TokenLogprob.of(tokens.get(i).asText().getBytes(StandardCharsets.UTF_8),
                    values.path(i).asDouble(), top));
        }
    }

    private static TokenLogprob remoteToken(JsonNode t, List<TokenLogprob> top) {
        List<Integer> bytes = new ArrayList<>();
        if (t.path("bytes").isArray()) t.get("bytes").forEach(b -> bytes.add(b.asInt()));
        else for (byte b : t.path("token").asText().getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xff);
        return new TokenLogprob(t.path("token").asText(), t.path("logprob").asDouble(), bytes, top);
    }

    private static void readEvents(InputStream in, boolean chat, StringBuilder text, TokenSink sink, int[] chunks,
                                   Usage[] usage, FinishReason[] finish, Cancellation cancel, ToolCallParts calls,
                                   List<TokenLogprob> logprobs) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        // Check between events too: the reader may hold buffered events after the stream was closed.
        while (!cancel.isCancelled() && (line = reader.readLine()) != null) {
            if (!line.startsWith("data:")) continue;
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) return;
            JsonNode event = parse(data);
            if (event.has("error")) {
                throw new BackendException(BackendException.Kind.UNAVAILABLE,
                        "the model server failed: " + errorMessage(event));
            }
            JsonNode choice = event.path("choices").path(0);
            String piece = chat ? choice.path("delta").path("content").asText("") : choice.path("text").asText("");
            if (!piece.isEmpty()) {
                text.append(piece);
                chunks[0]++;
                sink.accept(piece);
            }
            if (choice.path("delta").has("tool_calls")) calls.add(choice.path("delta").get("tool_calls"), sink);
            addLogprobs(choice, chat, logprobs);
            if (choice.hasNonNull("finish_reason")) finish[0] = FinishReason.fromOpenAi(choice.get("finish_reason").asText());
            if (event.hasNonNull("usage")) usage[0] = usage(event.get("usage"));
        }
    }

    private static void readWholeAnswer(InputStream in, boolean chat, StringBuilder text, TokenSink sink,
                                        Usage[] usage, FinishReason[] finish, ToolCallParts calls,
                                        List<TokenLogprob> logprobs) throws IOException {
        JsonNode answer = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        JsonNode choice = answer.path("choices").path(0);
        String content = chat ? choice.path("message").path("content").asText("") : choice.path("text").asText("");
        text.append(content);
        if (!content.isEmpty()) sink.accept(content);
        if (choice.path("message").has("tool_calls")) {
            calls.add(choice.path("message").get("tool_calls"), TokenSink.IGNORE);
        }
        addLogprobs(choice, chat, logprobs);
        if (choice.hasNonNull("finish_reason")) finish[0] = FinishReason.fromOpenAi(choice.get("finish_reason").asText());
        if (answer.hasNonNull("usage")) usage[0] = usage(answer.get("usage"));
    }

    private static Usage usage(JsonNode u) {
        return new Usage(u.path("prompt_tokens").asInt(0), u.path("completion_tokens").asInt(0),
                u.path("prompt_tokens_details").path("cached_tokens").asInt(0));
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (JacksonException e) {
            throw new BackendException(BackendException.Kind.PROTOCOL,
                    "the model server sent something that is not OpenAI-compatible JSON: " + abbreviate(data));
        }
    }

    private BackendException httpError(HttpResponse<InputStream> response) throws IOException {
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
        }
        String detail;
        try {
            detail = errorMessage(JSON.readTree(body));
        } catch (JacksonException e) {
            detail = abbreviate(body);
        }
        int status = response.statusCode();
        String where = "the model server at " + baseUrl;
        return switch (status) {
            case 401, 403 -> new BackendException(BackendException.Kind.AUTHENTICATION,
                    where + " rejected the API key (HTTP " + status + "): " + detail);
            case 404 -> new BackendException(BackendException.Kind.MODEL_NOT_FOUND,
                    where + " does not know model '" + model + "' (HTTP 404): " + detail);
            case 429 -> new BackendException(BackendException.Kind.RATE_LIMITED,
                    where + " is rate limiting requests (HTTP 429): " + detail);
            case 400, 413, 422 -> new BackendException(BackendException.Kind.BAD_REQUEST,
                    where + " refused the request (HTTP " + status + "): " + detail);
            default -> new BackendException(BackendException.Kind.UNAVAILABLE,
                    where + " failed (HTTP " + status + "): " + detail);
        };
    }

    private BackendException connectionError(Throwable cause) {
        if (cause instanceof BackendException b) return b;
        if (cause instanceof HttpTimeoutException) {
            return new BackendException(BackendException.Kind.UNAVAILABLE,
                    "the model server at " + baseUrl + " did not answer in time", cause);
        }
        if (cause instanceof ConnectException) {
            return new BackendException(BackendException.Kind.UNAVAILABLE,
                    "cannot connect to the model server at " + baseUrl, cause);
        }
        return new BackendException(BackendException.Kind.UNAVAILABLE,
                "lost the connection to the model server at " + baseUrl + ": " + cause, cause);
    }

    private static String errorMessage(JsonNode node) {
        JsonNode error = node.path("error");
        if (error.isTextual()) return error.asText();
        if (error.hasNonNull("message")) return error.get("message").asText();
        return abbreviate(node.toString());
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how we abort; a failure to close leaves nothing to do
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
