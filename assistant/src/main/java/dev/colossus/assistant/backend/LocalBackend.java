package dev.colossus.assistant.backend;

import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.template.ChatFormat;
import dev.colossus.assistant.template.TemplateException;
import dev.colossus.engine.Engine;
import dev.colossus.engine.Generation;
import dev.colossus.engine.GenerationException;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.GenerationResult;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.sample.SamplingParams;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

    @Override
    public int countTokens(String text) {
        return engine.tokenizer().encode(text, false, true).length;
    }

    /** Exact: the conversation is rendered with the model's template and tokenized as {@link #chat} would. */
    @Override
    public int countTokens(List<ChatMessage> messages) {
        ChatPrompt prompt = prompt(messages);
        return engine.tokenizer().encode(prompt.text(), prompt.addBos(), true).length;
    }

    @Override
    public Completion chat(List<ChatMessage> messages, GenerationOptions options, TokenSink sink, Cancellation cancel) {
        ChatPrompt prompt = prompt(messages);
        return run(GenerationRequest.of(prompt.text()).withSpecialTokens(prompt.addBos(), true), options, sink, cancel);
    }

    /** A conversation written out for the model, and whether the engine must still add the BOS token. */
    private record ChatPrompt(String text, boolean addBos) {
    }

    private ChatPrompt prompt(List<ChatMessage> messages) {
        String prompt;
        try {
            prompt = format.template().renderMessages(messages, true, format.bosToken(), format.eosToken());
        } catch (TemplateException e) {
            throw new BackendException(BackendException.Kind.BAD_REQUEST,
                    "model " + modelId + " cannot take this conversation: " + e.getMessage(), e);
        }
        // Templates that write the BOS text themselves must not get a second BOS token.
        return new ChatPrompt(prompt, format.bosToken().isEmpty() || !prompt.startsWith(format.bosToken()));
    }

    @Override
    public Completion complete(String prompt, GenerationOptions options, TokenSink sink, Cancellation cancel) {
        return run(GenerationRequest.of(prompt).withSpecialTokens(true, true), options, sink, cancel);
    }

    private Completion run(GenerationRequest base, GenerationOptions options, TokenSink sink, Cancellation cancel) {
        long seed = options.seed() != null ? options.seed() : ThreadLocalRandom.current().nextLong();
        SamplingParams sampling = SamplingParams.defaults(seed)
                .withTemperature((float) options.temperature())
                .withTopP((float) options.topP());
        GenerationRequest request = base.withMaxTokens(options.maxTokens()).withStopStrings(options.stop())
                .withSampling(sampling).withGrammar(options.responseFormat().grammar());
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
        FinishReason finish = switch (result.finishReason()) {
            case END_OF_GENERATION, STOP_STRING -> FinishReason.STOP;
            case MAX_TOKENS, CONTEXT_FULL -> FinishReason.LENGTH;
            case CANCELLED -> timeUp.get() ? FinishReason.TIME_LIMIT : FinishReason.CANCELLED;
        };
        return new Completion(result.text(), finish, new Usage(result.promptTokens(), result.tokens().length));
    }

    @Override
    public void close() {
        engine.close();
    }
}
