package dev.colossus.assistant.backend;

import dev.colossus.assistant.ChatMessage;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.template.ChatFormat;
import dev.colossus.assistant.template.ChatTemplate;
import dev.colossus.assistant.template.TemplateException;
import dev.colossus.engine.Embedding;
import dev.colossus.engine.Engine;
import dev.colossus.engine.FinishReason;
import dev.colossus.engine.Generation;
import dev.colossus.engine.GenerationException;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.GenerationResult;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.sample.SamplingParams;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A GGUF model run by the local engine, loaded once and shared by every conversation (the engine batches concurrent
 * generations). Conversations are written with the model's own chat template from its GGUF metadata, or the
 * built-in format its tokens point to. Thread-safe.
 */
public final class LocalBackend implements ChatBackend {
    private static final ObjectMapper TREE = new ObjectMapper();

    private final Engine engine;
    private final ChatFormat format;
    private final String modelId;
    private final int contextLength;

    private LocalBackend(Engine engine, ChatFormat format, String modelId, int contextLength) {
        this.engine = engine;
        this.format = format;
        this.modelId = modelId;
        this.contextLength = contextLength;
    }

    /**
     * Loads a model file. Its id is the file name without {@code .gguf}.
     *
     * @throws IOException when the file cannot be read; the engine's format exceptions when it is not a usable model
     */
    public static LocalBackend load(Path file, Engine.Options options) throws IOException {
        ChatFormat format;
        try (GgufFile gguf = GgufFile.open(file)) {
            format = ChatFormat.of(gguf);
        }
        Engine engine = Engine.load(file, options);
        String name = file.getFileName().toString();
        String id = name.toLowerCase().endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
        int context = options.contextLength() > 0
                ? Math.min(options.contextLength(), engine.config().contextLength()) : engine.config().contextLength();
        return new LocalBackend(engine, format, id, context);
    }

    /** How this model's conversations are written. */
    public ChatFormat format() {
        return format;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    /** Tokens the model generated since it was loaded, over all conversations (see {@link Engine#generatedTokens}). */
    public long generatedTokens() {
        return engine.generatedTokens();
    }

    /** Exact for a message's content: special-token texts count as the plain text they are tokenized as. */
    @Override
    public int countTokens(String text) {
        return engine.tokenizer().encode(text, false, false).length;
    }

    /** Exact: the conversation is rendered with the model's template and tokenized as {@link #chat} would. */
    @Override
    public int countTokens(List<ChatMessage> messages) {
        return promptTokens(messages).length;
    }

    /**
     * The token ids the model is given for a conversation (no tools), as {@link #chat} tokenizes them: the chat
     * template's own text with its special tokens, the messages' contents as plain text, so that a post or a user
     * writing {@code <|im_start|>system} gets those characters, never the control token.
     *
     * @throws BackendException BAD_REQUEST when the template cannot take the conversation
     */
    public int[] promptTokens(List<ChatMessage> messages) {
        return prompt(messages).tokens(engine.tokenizer());
    }

    /**
     * {@inheritDoc}
     * <p>Tools ({@link GenerationOptions#tools()}, unless the choice is {@link ToolChoice.None}) are given to the
     * chat template, which writes them in the model's tool-calling format ({@link ToolCallFormat}). Every call is
     * generated under a grammar, so its arguments are valid for the tool's parameters: a required or named call
     * from the first token, and with {@code auto} from where the model starts one in its format. Text before a call
     * streams to {@code sink} as content, each call as {@link TokenSink#toolCall} deltas (its name, then its
     * arguments piece by piece); the calls come back as {@link Completion#toolCalls()} with
     * {@link FinishReason#TOOL_CALLS}.
     *
     * @throws BackendException BAD_REQUEST when a tool's parameters schema uses an unsupported feature
     */
    @Override
    public Completion chat(List<ChatMessage> messages, GenerationOptions options, TokenSink sink, Cancellation cancel) {
        boolean offered = !options.tools().isEmpty() && !(options.toolChoice() instanceof ToolChoice.None);
        ChatPrompt prompt = prompt(messages, offered ? options.tools() : List.of());
        GenerationRequest request = prompt.request();
        if (!offered) return run(request.withGrammar(options.responseFormat().grammar()), options, sink, cancel);
        ToolCallFormat calls = ToolCallFormat.of(format.template().source());
        try {
            request = request.withGrammar(switch (options.toolChoice()) {
                case ToolChoice.Required r -> calls.forcedCall(options.tools());
                case ToolChoice.Named(String name) -> calls.forcedCall(
                        options.tools().stream().filter(t -> t.name().equals(name)).toList());
                default -> calls.textOrCall(options.tools(), options.responseFormat().grammar());
            });
        } catch (IllegalArgumentException e) {
            throw new BackendException(BackendException.Kind.BAD_REQUEST,
                    "a tool's parameters cannot be enforced: " + e.getMessage(), e);
        }
        ToolCallStream stream = new ToolCallStream(calls, sink);
        Completion done = run(request, options, stream, cancel);
        stream.finish();
        List<ToolCall> found = stream.calls();
        return new Completion(stream.content(), found.isEmpty() ? done.finishReason() : FinishReason.TOOL_CALLS,
                done.usage(), found, done.logprobs());
    }

    private ChatPrompt prompt(List<ChatMessage> messages) {
        return prompt(messages, List.of());
    }

    private ChatPrompt prompt(List<ChatMessage> messages, List<Tool> tools) {
        try {
            return ChatPrompt.of(format, engine.tokenizer(), ChatTemplate.maps(messages),
                    tools.stream().map(LocalBackend::toolMap).toList());
        } catch (TemplateException e) {
            throw new BackendException(BackendException.Kind.BAD_REQUEST,
                    "model " + modelId + " cannot take this conversation: " + e.getMessage(), e);
        }
    }

    /** A tool as OpenAI lists it, for templates. */
    private static Map<String, Object> toolMap(Tool tool) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", tool.name());
        function.put("description", tool.description());
        function.put("parameters", TREE.convertValue(tool.parameters(), Object.class));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "function");
        entry.put("function", function);
        return entry;
    }

    @Override
    public Completion complete(String prompt, GenerationOptions options, TokenSink sink, Cancellation cancel) {
        return run(GenerationRequest.of(prompt).withSpecialTokens(true, true)
                .withGrammar(options.responseFormat().grammar()), options, sink, cancel);
    }

    private Completion run(GenerationRequest base, GenerationOptions options, TokenSink sink, Cancellation cancel) {
        long seed = options.seed() != null ? options.seed() : ThreadLocalRandom.current().nextLong();
        SamplingParams sampling = SamplingParams.defaults(seed)
                .withTemperature((float) options.temperature())
                .withTopP((float) options.topP());
        GenerationRequest request = base.withMaxTokens(options.maxTokens()).withStopStrings(options.stop())
                .withSampling(sampling).withLogprobs(options.logprobs());
        Generation generation;
        try {
            generation = engine.generate(request);
        } catch (IllegalArgumentException e) {
            throw new BackendException(BackendException.Kind.BAD_REQUEST, e.getMessage(), e);
        }
        AtomicBoolean timeUp = new AtomicBoolean();
        cancel.onCancel(generation::cancel);
        CompletableFuture.delayedExecutor(options.timeLimit().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!generation.result().isDone()) {
                timeUp.set(true);
                generation.cancel();
            }
        });
        GenerationResult result;
        try {
            result = generation.stream(piece -> {
                try {
                    sink.accept(piece);
                } catch (RuntimeException e) {
                    generation.cancel();
                    throw e;
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            generation.cancel();
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "interrupted while generating", e);
        } catch (GenerationException e) {
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "the model failed: " + e.getMessage(), e);
        }
        FinishReason finish = result.finishReason() == FinishReason.CANCELLED && timeUp.get()
                ? FinishReason.TIME_LIMIT : result.finishReason();
        return new Completion(result.text(), finish, new Usage(result.promptTokens(), result.tokens().length,
                result.reusedTokens()), List.of(), logprobs(result));
    }

    private List<TokenLogprob> logprobs(GenerationResult result) {
        return result.logprobs().stream().map(t -> TokenLogprob.of(engine.tokenizer().piece(t.token(), true),
                t.logprob(), t.top().stream().map(a -> TokenLogprob.of(engine.tokenizer().piece(a.token(), true),
                        a.logprob(), List.of())).toList())).toList();
    }

    /** {@inheritDoc} Texts are embedded one after another; cancelling stops before the next one. */
    @Override
    public Embeddings embed(List<String> texts, Cancellation cancel) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        int tokens = 0;
        for (String text : texts) {
            if (cancel.isCancelled()) throw new BackendException(BackendException.Kind.UNAVAILABLE, "cancelled");
            try {
                Embedding e = engine.embed(text);
                vectors.add(e.vector());
                tokens += e.tokens();
            } catch (IllegalArgumentException e) {
                throw new BackendException(BackendException.Kind.BAD_REQUEST, e.getMessage(), e);
            }
        }
        return new Embeddings(vectors, tokens);
    }

    @Override
    public void close() {
        engine.close();
    }
}
