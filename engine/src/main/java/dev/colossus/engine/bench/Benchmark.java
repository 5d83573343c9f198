package dev.colossus.engine.bench;

import dev.colossus.engine.Engine;
import dev.colossus.engine.Generation;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.GenerationResult;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.model.Batch;
import dev.colossus.engine.model.KvCache;
import dev.colossus.engine.model.LlamaModel;
import dev.colossus.engine.tensor.Parallel;
import dev.colossus.engine.tokenizer.Tokenizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Measures a model's speed the way llama.cpp's {@code llama-bench} does: prompt processing (pp) decodes
 * {@code promptTokens} random tokens as one batch into an empty cache; token generation (tg) decodes
 * {@code genTokens} random tokens one at a time from an empty cache. Each is repeated and the median speed kept
 * (robust to a run slowed by other work on the machine), after untimed warm-up runs that let the JIT compile the
 * kernels. {@link #runConcurrent} instead measures the total decode
 * speed of several generations running at once through an {@link Engine}, whose scheduler batches their steps.
 * <p>Not thread-safe; runs on the calling thread plus {@code threads - 1} workers.
 */
public final class Benchmark {

    /** What to run. */
    public record Settings(int promptTokens, int genTokens, int threads, int repetitions, int warmups) {
        public Settings {
            if (promptTokens < 1 || genTokens < 1) throw new IllegalArgumentException("token counts must be positive");
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
            if (repetitions < 1 || warmups < 0) throw new IllegalArgumentException("repetitions must be positive");
        }
    }

    /**
     * Median speeds in tokens per second, the file size, the bytes of the largest KV cache a run used, and the
     * process's peak resident memory (0 if unknown).
     */
    public record Result(Settings settings, double ppTokensPerS, double tgTokensPerS, long modelBytes,
                         long kvCacheBytes, long peakRssBytes, double loadSeconds) {
    }

    /**
     * Median decode speed of {@code sequences} concurrent generations: {@code tgTokensPerS} counts the tokens of all of
     * them, {@code tgTokensPerSPerSequence} is that divided by {@code sequences}; {@code generatedTokens} is the
     * mean number of tokens a timed run produced (fewer than {@code sequences * genTokens} when a random model
     * happens to emit its end-of-sequence token).
     */
    public record ConcurrentResult(Settings settings, int sequences, double tgTokensPerS,
                                   double tgTokensPerSPerSequence, double generatedTokens, long modelBytes,
                                   long kvCacheBytes, long peakRssBytes, double loadSeconds) {
    }

    private Benchmark() {
    }

    /**
     * Loads the model and runs the benchmark.
     *
     * @throws dev.colossus.engine.gguf.GgufFormatException         when the file is not valid GGUF
     * @throws dev.colossus.engine.model.UnsupportedModelException when the model cannot be run
     * @throws IllegalArgumentException                               when the prompt and generation do not fit the context
     */
    public static Result run(Path modelFile, Settings s, Consumer<String> progress) throws IOException {
        long t0 = System.nanoTime();
        try (GgufFile gguf = GgufFile.open(modelFile); Parallel pool = new Parallel(s.threads())) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            int context = model.config().contextLength();
            if (Math.max(s.promptTokens(), s.genTokens()) > context) {
                throw new IllegalArgumentException("the model's context holds " + context + " tokens");
            }
            double load = (System.nanoTime() - t0) / 1e9;
            progress.accept(String.format(java.util.Locale.ROOT, "loaded %s in %.2f s (%d threads)",
                    modelFile.getFileName(), load, s.threads()));
            int vocab = model.config().vocabSize();
            SplittableRandom random = new SplittableRandom(42);
            LlamaModel.Workspace ws = model.newWorkspace(s.promptTokens());
            Batch batch = new Batch(s.promptTokens());
            for (int i = 0; i < s.warmups(); i++) {
                prompt(model, ws, batch, s.promptTokens(), vocab, random);
                generate(model, ws, batch, s.genTokens(), vocab, random);
                progress.accept("warm-up " + (i + 1) + "/" + s.warmups() + " done");
            }
            double[] pp = new double[s.repetitions()];
            double[] tg = new double[s.repetitions()];
            for (int i = 0; i < s.repetitions(); i++) {
                double ppSeconds = prompt(model, ws, batch, s.promptTokens(), vocab, random);
                double tgSeconds = generate(model, ws, batch, s.genTokens(), vocab, random);
                pp[i] = s.promptTokens() / ppSeconds;
                tg[i] = s.genTokens() / tgSeconds;
                progress.accept(String.format(java.util.Locale.ROOT, "run %d/%d: pp %.1f tok/s, tg %.1f tok/s",
                        i + 1, s.repetitions(), s.promptTokens() / ppSeconds, s.genTokens() / tgSeconds));
            }
            long kv = KvCache.bytesFor(model.config(), Math.max(s.promptTokens(), s.genTokens()));
            return new Result(s, median(pp), median(tg), Files.size(modelFile), kv, peakRssBytes(), load);
        }
    }

    /**
     * Loads the model into an {@link Engine} and runs {@code sequences} generations at once, each in its own session
     * with its own prompt of about {@code promptTokens} tokens, generating {@code genTokens} tokens greedily. The
     * speed is measured from the first generated token of any of them to the last token of all of them.
     *
     * @throws dev.colossus.engine.gguf.GgufFormatException         when the file is not valid GGUF
     * @throws dev.colossus.engine.model.UnsupportedModelException when the model cannot be run
     * @throws IllegalArgumentException                               when the prompt and generation do not fit the context
     */
    public static ConcurrentResult runConcurrent(Path modelFile, Settings s, int sequences, Consumer<String> progress)
            throws IOException, InterruptedException {
        if (sequences < 1) throw new IllegalArgumentException("concurrent generations must be at least 1");
        long t0 = System.nanoTime();
        Engine.Options options = Engine.Options.defaults().withThreads(s.threads())
                .withContextLength(s.promptTokens() + s.genTokens() + 1);
        try (Engine engine = Engine.load(modelFile, options)) {
            if (s.promptTokens() + s.genTokens() + 1 > engine.config().contextLength()) {
                throw new IllegalArgumentException("the model's context holds " + engine.config().contextLength()
                        + " tokens");
            }
            double load = (System.nanoTime() - t0) / 1e9;
            progress.accept(String.format(java.util.Locale.ROOT, "loaded %s in %.2f s (%d threads)",
                    modelFile.getFileName(), load, s.threads()));
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < s.warmups(); i++) {
                concurrentRun(engine, s, sequences, random);
                progress.accept("warm-up " + (i + 1) + "/" + s.warmups() + " done");
            }
            double[] tg = new double[s.repetitions()];
            double tokens = 0;
            for (int i = 0; i < s.repetitions(); i++) {
                DecodeRun run = concurrentRun(engine, s, sequences, random);
                tg[i] = run.tokens() / run.seconds();
                tokens += run.tokens();
                progress.accept(String.format(java.util.Locale.ROOT, "run %d/%d: %d sequences, tg %.1f tok/s in all",
                        i + 1, s.repetitions(), sequences, run.tokens() / run.seconds()));
            }
            double total = median(tg);
            long kv = sequences * KvCache.bytesFor(engine.config(), s.promptTokens() + s.genTokens() + 1);
            return new ConcurrentResult(s, sequences, total, total / sequences, tokens / s.repetitions(),
                    Files.size(modelFile), kv, peakRssBytes(), load);
        }
    }

    /** Tokens generated after each sequence's first one, and the seconds from the first to the last of them. */
    private record DecodeRun(long tokens, double seconds) {
    }

    private static DecodeRun concurrentRun(Engine engine, Settings s, int sequences, SplittableRandom random)
            throws InterruptedException {
        List<Generation> generations = new ArrayList<>();
        long[] submitted = new long[sequences];
        for (int i = 0; i < sequences; i++) {
            GenerationRequest request = GenerationRequest.of(randomPrompt(engine.tokenizer(), s.promptTokens(), random))
                    .withMaxTokens(s.genTokens()).withSpecialTokens(true, false);
            submitted[i] = System.nanoTime();
            generations.add(engine.generate(request));
        }
        long firstToken = Long.MAX_VALUE;
        long lastToken = Long.MIN_VALUE;
        long tokens = 0;
        for (int i = 0; i < sequences; i++) {
            GenerationResult r;
            try {
                r = generations.get(i).result().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("generation failed: " + e.getCause().getMessage(), e.getCause());
            }
            long first = submitted[i] + r.prefillNanos();
            firstToken = Math.min(firstToken, first);
            lastToken = Math.max(lastToken, first + r.decodeNanos());
            tokens += Math.max(0, r.tokens().length - 1);
        }
        return new DecodeRun(tokens, Math.max(1, lastToken - firstToken) / 1e9);
    }

    /**
     * Text of about {@code tokens} tokens made of random vocabulary pieces that are whole UTF-8 text, so each
     * sequence has a different prompt.
     */
    static String randomPrompt(Tokenizer tokenizer, int tokens, SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        int attempts = 0;
        while (tokenizer.encode(text.toString(), true, false).length < tokens && attempts++ < 100 * tokens) {
            byte[] piece = tokenizer.piece(random.nextInt(tokenizer.vocabularySize()), false);
            if (piece.length == 0) continue;
            try {
                text.append(decoder.decode(ByteBuffer.wrap(piece)));
            } catch (CharacterCodingException e) {
                // a lone byte of a multi-byte character: pick another piece
            }
        }
        return text.toString();
    }

    /** The middle value (the mean of the two middle ones for an even count). */
    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double prompt(LlamaModel model, LlamaModel.Workspace ws, Batch batch, int n, int vocab,
                                 SplittableRandom random) {
        KvCache cache = new KvCache(model.config(), n);
        batch.clear();
        for (int p = 0; p < n; p++) batch.add(cache, p, random.nextInt(vocab), p == n - 1);
        long start = System.nanoTime();
        model.forward(batch, ws);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double generate(LlamaModel model, LlamaModel.Workspace ws, Batch batch, int n, int vocab,
                                   SplittableRandom random) {
        KvCache cache = new KvCache(model.config(), n);
        long start = System.nanoTime();
        for (int p = 0; p < n; p++) {
            batch.clear();
            batch.add(cache, p, random.nextInt(vocab), true);
            model.forward(batch, ws);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The process's peak resident set size ({@code VmHWM} in /proc/self/status), or 0 where there is none. */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
