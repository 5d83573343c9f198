package dev.colossus.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.app.UserError;
import dev.colossus.engine.bench.Benchmark;
import dev.colossus.engine.bench.ModelShape;
import dev.colossus.engine.bench.RandomModel;
import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFormatException;
import dev.colossus.engine.model.UnsupportedModelException;
import dev.colossus.social.demo.SyntheticCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code colossus bench}: measures prompt processing and token generation speed of a model like llama.cpp's
 * {@code llama-bench} ({@code --model FILE}), the total decode speed of concurrent generations through the engine's
 * batching scheduler ({@code --model FILE --concurrent N}), or makes a random-weight model for benchmarks
 * ({@code --make-model SIZE --out FILE --type T}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure a model's speed: bench --model FILE [--prompt-tokens 64] [--gen-tokens 64] "
                + "[--threads N] [--concurrent N] [--json].",
                "Or make a random-weight llama model: bench --make-model tiny|100m --out FILE "
                        + "--type Q8_0|Q4_0|Q4_K|Q6_K|F16|BF16|F32.",
                "Or write N synthetic posts over the last 30 days for `colossus import`: bench --make-posts N --out FILE.jsonl."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", description = "GGUF model to measure.")
    Path model;

    @Option(names = "--prompt-tokens", defaultValue = "64", description = "Prompt length for pp (default ${DEFAULT-VALUE}).")
    int promptTokens;

    @Option(names = "--gen-tokens", defaultValue = "64", description = "Tokens generated for tg (default ${DEFAULT-VALUE}).")
    int genTokens;

    @Option(names = "--threads", description = "Threads (default: the number of cores).")
    Integer threads;

    @Option(names = "--repetitions", defaultValue = "3",
            description = "Timed runs; the median is reported (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed warm-up runs (default ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--concurrent", paramLabel = "N",
            description = "Run N generations at once through the engine and report their total decode speed.")
    Integer concurrent;

    @Option(names = "--json", description = "Print one JSON line instead of a table.")
    boolean json;

    @Option(names = "--make-model", paramLabel = "SIZE", description = "Write a random model of this size (tiny, 100m).")
    String makeModel;

    @Option(names = "--make-posts", paramLabel = "N", description = "Write N synthetic posts as import JSONL.")
    Long makePosts;

    @Option(names = "--out", paramLabel = "FILE", description = "Where --make-model or --make-posts writes.")
    Path out;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "Q8_0",
            description = "Weight type for --make-model (default ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--seed", defaultValue = "1234",
            description = "Random seed for --make-model and --make-posts (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (makeModel != null && model != null) throw new UserError("give either --model or --make-model, not both");
        if (makeModel != null) return make();
        if (makePosts != null) return makePosts();
        if (model == null) throw new UserError("give --model FILE to measure, or --make-model SIZE --out FILE");
        return measure();
    }

    private int measure() throws Exception {
        if (!Files.isRegularFile(model)) throw new UserError("no such model file: " + model);
        if (concurrent != null && concurrent < 1) throw new UserError("--concurrent must be at least 1");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("model", model.getFileName().toString());
        try {
            Benchmark.Settings settings = new Benchmark.Settings(promptTokens, genTokens,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors(), repetitions, warmups);
            if (concurrent == null) single(settings, fields);
            else concurrent(settings, fields);
        } catch (GgufFormatException | UnsupportedModelException | IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UserError("no such model file: " + model);
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(fields));
        } else {
            fields.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-30s %s%n", k, v));
        }
        return 0;
    }

    private void single(Benchmark.Settings settings, Map<String, Object> fields) throws Exception {
        Benchmark.Result r = Benchmark.run(model, settings, line -> System.err.println("bench: " + line));
        fields.put("model_bytes", r.modelBytes());
        fields.put("threads", r.settings().threads());
        fields.put("prompt_tokens", r.settings().promptTokens());
        fields.put("gen_tokens", r.settings().genTokens());
        fields.put("repetitions", r.settings().repetitions());
        fields.put("pp_tokens_per_s", round(r.ppTokensPerS()));
        fields.put("tg_tokens_per_s", round(r.tgTokensPerS()));
        fields.put("kv_cache_bytes", r.kvCacheBytes());
        fields.put("peak_rss_bytes", r.peakRssBytes());
        fields.put("load_s", round(r.loadSeconds()));
    }

    private void concurrent(Benchmark.Settings settings, Map<String, Object> fields) throws Exception {
        Benchmark.ConcurrentResult r = Benchmark.runConcurrent(model, settings, concurrent,
                line -> System.err.println("bench: " + line));
        fields.put("model_bytes", r.modelBytes());
        fields.put("threads", r.settings().threads());
        fields.put("concurrent", r.sequences());
        fields.put("prompt_tokens", r.settings().promptTokens());
        fields.put("gen_tokens", r.settings().genTokens());
        fields.put("repetitions", r.settings().repetitions());
        fields.put("generated_tokens", round(r.generatedTokens()));
        fields.put("tg_tokens_per_s", round(r.tgTokensPerS()));
        fields.put("tg_tokens_per_s_per_sequence", round(r.tgTokensPerSPerSequence()));
        fields.put("kv_cache_bytes", r.kvCacheBytes());
        fields.put("peak_rss_bytes", r.peakRssBytes());
        fields.put("load_s", round(r.loadSeconds()));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private int make() throws Exception {
        if (out == null) throw new UserError("--make-model needs --out FILE");
        ModelShape shape;
        GgmlType ggmlType;
        try {
            shape = ModelShape.byName(makeModel);
            ggmlType = GgmlType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().startsWith("No enum") ? "unknown --type " + type
                    + " (known: Q8_0, Q4_0, Q4_K, Q6_K, F16, BF16, F32)" : e.getMessage());
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new UserError("no such directory: " + parent);
        long start = System.nanoTime();
        try {
            RandomModel.write(shape, ggmlType, seed, out, line -> System.err.println("bench: " + line));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        System.err.printf(Locale.ROOT, "bench: wrote %s (%d parameters, %d bytes) in %.1f s%n", out,
                shape.parameters(), Files.size(out), (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private int makePosts() throws Exception {
        if (out == null) throw new UserError("--make-posts needs --out FILE");
        if (makePosts < 1) throw new UserError("--make-posts needs a positive count");
        long start = System.nanoTime();
        SyntheticCorpus corpus = new SyntheticCorpus(seed, makePosts, Instant.now(), Duration.ofDays(30));
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            corpus.writeJsonl(o, n -> {
                if (n % 100_000 == 0) System.err.printf(Locale.ROOT, "bench: %,d posts%n", n);
            });
        } catch (NoSuchFileException e) {
            throw new UserError("no such directory: " + out.toAbsolutePath().getParent());
        }
        System.err.printf(Locale.ROOT, "bench: wrote %s (%,d posts, %,d bytes) in %.1f s%n", out, makePosts,
                Files.size(out), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
