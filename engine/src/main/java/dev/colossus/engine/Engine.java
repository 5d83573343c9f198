package dev.colossus.engine;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.model.Batch;
import dev.colossus.engine.model.KvCache;
import dev.colossus.engine.model.LlamaModel;
import dev.colossus.engine.model.ModelConfig;
import dev.colossus.engine.sample.Sampler;
import dev.colossus.engine.tensor.Parallel;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Tokenizers;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * A loaded language model that serves any number of concurrent {@link Session}s. One scheduler thread runs the
 * model: at every step it batches the next token of every running generation (and chunks of new prompts) into one
 * forward pass, so concurrent generations share each read of the weights.
 * <p>Thread safety: all public methods may be called from any thread.
 */
public final class Engine implements AutoCloseable {

    /**
     * @param threads          threads for the matrix products (default: available processors)
     * @param maxBatchTokens   most rows in one forward pass; longer prompts are processed in chunks of this size
     * @param contextLength    positions per session (0 = the model's context length)
     * @param prefixCacheBytes bytes of key/value cache kept from finished {@link #generate} calls, so that a prompt
     *                         continuing an earlier one is not computed again (default 256 MiB; 0 keeps none)
     */
    public record Options(int threads, int maxBatchTokens, int contextLength, long prefixCacheBytes) {
        public Options {
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            if (maxBatchTokens < 1) throw new IllegalArgumentException("max batch tokens must be at least 1");
            if (contextLength < 0) throw new IllegalArgumentException("context length must be >= 0");
            if (prefixCacheBytes < 0) throw new IllegalArgumentException("prefix cache bytes must be >= 0");
        }

        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), 256, 0, 256L << 20);
        }

        public Options withThreads(int n) {
            return new Options(n, maxBatchTokens, contextLength, prefixCacheBytes);
        }

        public Options withContextLength(int n) {
            return new Options(threads, maxBatchTokens, n, prefixCacheBytes);
        }

        public Options withPrefixCacheBytes(long bytes) {
            return new Options(threads, maxBatchTokens, contextLength, bytes);
        }
    }

    private final GgufFile gguf;
    /** Holds the weights repacked at load time. */
    private final Arena weights;
    private final Tokenizer tokenizer;
    private final Parallel pool;
    private final LlamaModel model;
    private final int contextLength;
    private final int maxBatchTokens;
    private final BatchScheduler scheduler;
    /** Null when the options keep no prefixes. */
    private final PrefixCache prefixes;

    private Engine(GgufFile gguf, Arena weights, Tokenizer tokenizer, Parallel pool, LlamaModel model,
                   Options options) {
        this.gguf = gguf;
        this.weights = weights;
        this.tokenizer = tokenizer;
        this.pool = pool;
        this.model = model;
        int modelContext = model.config().contextLength();
        this.contextLength = options.contextLength() == 0 ? modelContext : Math.min(options.contextLength(), modelContext);
        this.maxBatchTokens = options.maxBatchTokens();
        this.scheduler = new BatchScheduler(model, tokenizer, options.maxBatchTokens());
        this.prefixes = options.prefixCacheBytes() == 0 ? null : new PrefixCache(this, options.prefixCacheBytes());
    }

    /**
     * Maps a GGUF model file and builds its model and tokenizer from the file alone.
     *
     * @throws java.io.IOException                                when the file cannot be read
     * @throws dev.colossus.engine.gguf.GgufFormatException         when it is not valid GGUF or its tokenizer is unsupported
     * @throws dev.colossus.engine.model.UnsupportedModelException  when the model cannot run here
     */
    public static Engine load(Path path, Options options) throws IOException {
        GgufFile gguf = GgufFile.open(path);
        try {
            return open(gguf, Tokenizers.fromGguf(gguf), options);
        } catch (RuntimeException e) {
            gguf.close();
            throw e;
        }
    }

    /**
     * Builds an engine over an open GGUF file, which it owns from now on (closed by {@link #close()}).
     *
     * @throws dev.colossus.engine.model.UnsupportedModelException when the model cannot run here
     */
    public static Engine open(GgufFile gguf, Tokenizer tokenizer, Options options) {
        Parallel pool = new Parallel(options.threads());
        Arena weights = Arena.ofShared();
        try {
            LlamaModel model = LlamaModel.load(gguf, pool, weights);
            if (tokenizer.vocabularySize() > model.config().vocabSize()) {
                throw new dev.colossus.engine.model.UnsupportedModelException("the tokenizer has "
                        + tokenizer.vocabularySize() + " tokens but the model only " + model.config().vocabSize());
            }
            return new Engine(gguf, weights, tokenizer, pool, model, options);
        } catch (RuntimeException e) {
            pool.close();
            weights.close();
            throw e;
        }
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public ModelConfig config() {
        return model.config();
    }

    /** The size of the model file in bytes. */
    public long modelBytes() {
        return gguf.size();
    }

    /**
     * Tokens generated by every session since the model was loaded (end-of-generation tokens not counted), for
     * throughput metrics. Thread-safe.
     */
    public long generatedTokens() {
        return scheduler.generatedTokens();
    }

    /** A new session with an empty cache of up to the engine's context length. */
    public Session newSession() {
        return newSession(null);
    }

    Session newSession(PrefixCache home) {
        return new Session(this, new KvCache(model.config(), contextLength), home);
    }

    /**
     * Starts a generation on a session of the engine's own: one whose cache holds the longest prefix of this prompt
     * that an earlier {@code generate} computed, as far as the prefix cache keeps them
     * ({@link Options#prefixCacheBytes}); {@link GenerationResult#reusedTokens} says how many tokens were reused.
     *
     * @throws IllegalArgumentException when the prompt is empty after tokenization or longer than the context
     */
    public Generation generate(GenerationRequest request) {
        int[] tokens = tokenize(request);
        checkLength(tokens, contextLength); // before a cached session is taken, so a refused prompt loses none
        return submit(prefixes == null ? newSession() : prefixes.take(tokens), request, tokens);
    }

    /**
     * The text's embedding: the mean of its tokens' final hidden states (after the model's last RMSNorm; BOS added
     * as the vocabulary says), scaled to unit length, so that the dot product of two embeddings is their cosine
     * similarity. Runs on the calling thread with a cache of its own, sharing the matrix threads with generations.
     *
     * @throws IllegalArgumentException when the text is empty after tokenization or longer than the context
     */
    public Embedding embed(String text) {
        int[] tokens = tokenizer.encode(text, true, false);
        checkLength(tokens, contextLength);
        ModelConfig c = model.config();
        int chunk = Math.min(tokens.length, maxBatchTokens);
        KvCache cache = new KvCache(c, tokens.length);
        LlamaModel.Workspace ws = model.newWorkspace(chunk);
        Batch batch = new Batch(chunk);
        float[] sum = new float[c.dim()];
        for (int from = 0; from < tokens.length; from += chunk) {
            batch.clear();
            int n = Math.min(chunk, tokens.length - from);
            for (int i = 0; i < n; i++) batch.add(cache, from + i, tokens[from + i], false);
            model.forward(batch, ws);
            model.addFinalHidden(ws, n, sum);
        }
        double norm = 0;
        for (float v : sum) norm += (double) v * v;
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < sum.length; i++) sum[i] *= scale;
        return new Embedding(sum, tokens.length);
    }

    /** Idle sessions the prefix cache keeps now (0 without one). */
    int cachedSessions() {
        return prefixes == null ? 0 : prefixes.size();
    }

    private int[] tokenize(GenerationRequest request) {
        BitSet plain = request.plainText();
        return request.parseSpecial() && !plain.isEmpty()
                ? tokenizer.encode(request.prompt(), request.addSpecial(), plain)
                : tokenizer.encode(request.prompt(), request.addSpecial(), request.parseSpecial());
    }

    private static void checkLength(int[] tokens, int contextLength) {
        if (tokens.length == 0) throw new IllegalArgumentException("the prompt is empty");
        if (tokens.length >= contextLength) {
            throw new IllegalArgumentException("the prompt has " + tokens.length + " tokens but the context holds "
                    + contextLength);
        }
    }

    Generation submit(Session session, GenerationRequest request) {
        return submit(session, request, tokenize(request));
    }

    private Generation submit(Session session, GenerationRequest request, int[] tokens) {
        checkLength(tokens, session.contextLength());
        synchronized (session) {
            if (session.busy) throw new IllegalStateException("a generation is already running on this session");
            session.busy = true;
        }
        int reused = session.reusablePrefix(tokens);
        Sampler sampler = new Sampler(request.sampling(), model.config().vocabSize());
        for (int i = Math.max(0, tokens.length - request.sampling().repetitionWindow()); i < tokens.length; i++) {
            sampler.accept(tokens[i]);
        }
        Generation generation = new Generation();
        try {
            scheduler.submit(new BatchScheduler.Job(session, request, tokens, reused, sampler, generation, tokenizer));
        } catch (RuntimeException e) {
            session.finished(new int[0]);
            throw e;
        }
        return generation;
    }

    /**
     * Stops the scheduler (running generations end as cancelled) and the threads, frees the repacked weights and
     * unmaps the model.
     */
    @Override
    public void close() {
        scheduler.close();
        pool.close();
        weights.close();
        gguf.close();
    }
}
