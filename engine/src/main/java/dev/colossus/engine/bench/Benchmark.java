package dev.colossus.engine.bench;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.model.Batch;
import dev.colossus.engine.model.KvCache;
import dev.colossus.engine.model.LlamaModel;
import dev.colossus.engine.tensor.Parallel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Measures a model's speed the way llama.cpp's {@code llama-bench} does: prompt processing (pp) decodes
 * {@code promptTokens} random tokens as one batch into an empty cache; token generation (tg) decodes
 * {@code genTokens} random tokens one at a time from an empty cache. Each is repeated and averaged, after untimed
 * warm-up runs that let the JIT compile the kernels.
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

    /** Mean speeds in tokens per second, the file size, and the process's peak resident memory (0 if unknown). */
    public record Result(Settings settings, double ppTokensPerS, double tgTokensPerS, long modelBytes,
                         long peakRssBytes, double loadSeconds) {
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
            double pp = 0;
            double tg = 0;
            for (int i = 0; i < s.repetitions(); i++) {
                double ppSeconds = prompt(model, ws, batch, s.promptTokens(), vocab, random);
                double tgSeconds = generate(model, ws, batch, s.genTokens(), vocab, random);
                pp += s.promptTokens() / ppSeconds;
                tg += s.genTokens() / tgSeconds;
                progress.accept(String.format(java.util.Locale.ROOT, "run %d/%d: pp %.1f tok/s, tg %.1f tok/s",
                        i + 1, s.repetitions(), s.promptTokens() / ppSeconds, s.genTokens() / tgSeconds));
            }
            return new Result(s, pp / s.repetitions(), tg / s.repetitions(), Files.size(modelFile), peakRssBytes(),
                    load);
        }
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
