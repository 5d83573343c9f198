package dev.colossus.app.cli;

import dev.colossus.app.UserError;
import dev.colossus.engine.Engine;
import dev.colossus.engine.Generation;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.GenerationResult;
import dev.colossus.engine.gguf.GgufFormatException;
import dev.colossus.engine.model.UnsupportedModelException;
import dev.colossus.engine.sample.SamplingParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** {@code colossus generate}: continues a prompt with a GGUF model, streaming only the continuation to stdout. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Continue PROMPT with a GGUF model. The continuation streams to stdout; logs go to stderr.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "GGUF model file.")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text to continue.")
    String prompt;

    @Option(names = "--max-tokens", defaultValue = "256", description = "Most tokens to generate (default ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature; 0 is greedy (default ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--top-k", defaultValue = "40", description = "Keep the K most likely tokens; 0 = all (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", defaultValue = "0.95", description = "Nucleus sampling mass (default ${DEFAULT-VALUE}).")
    float topP;

    @Option(names = "--min-p", defaultValue = "0.05", description = "Drop tokens below this fraction of the best one's probability (default ${DEFAULT-VALUE}).")
    float minP;

    @Option(names = "--repeat-penalty", defaultValue = "1.0", description = "Penalty for recently seen tokens; 1 = off (default ${DEFAULT-VALUE}).")
    float repeatPenalty;

    @Option(names = "--seed", description = "Random seed for reproducible sampling (default: random, printed on stderr).")
    Long seed;

    @Option(names = "--threads", description = "Threads for the matrix products (default: available processors).")
    Integer threads;

    @Option(names = "--ctx", defaultValue = "0", description = "Context length in tokens; 0 = the model's (default).")
    int contextLength;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop before this text (repeatable).")
    List<String> stops = List.of();

    @Option(names = "--no-bos", description = "Do not add the beginning-of-sequence token.")
    boolean noBos;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(model)) throw new UserError("no such model file: " + model);
        if (threads != null && threads < 1) throw new UserError("--threads must be at least 1");
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        GenerationRequest request;
        Engine.Options options;
        try {
            request = GenerationRequest.of(prompt).withMaxTokens(maxTokens).withStopStrings(stops)
                    .withSampling(new SamplingParams(temperature, topK, topP, minP, repeatPenalty, 64, s))
                    .withSpecialTokens(!noBos, true);
            options = Engine.Options.defaults().withContextLength(contextLength);
            if (threads != null) options = options.withThreads(threads);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        long start = System.nanoTime();
        try (Engine engine = load(options)) {
            System.err.printf("colossus generate: loaded %s (%s, %d layers, %d threads) in %d ms; seed %d%n",
                    model.getFileName(), engine.config().architecture().ggufName(), engine.config().layers(),
                    options.threads(), (System.nanoTime() - start) / 1_000_000, s);
            Generation generation;
            try {
                generation = engine.generate(request);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            Thread cancelOnExit = Thread.ofPlatform().unstarted(generation::cancel);
            Runtime.getRuntime().addShutdownHook(cancelOnExit);
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
            GenerationResult r = generation.stream(text -> {
                out.print(text);
                out.flush();
            });
            if (System.console() != null) out.println();
            out.flush();
            Runtime.getRuntime().removeShutdownHook(cancelOnExit);
            System.err.printf("colossus generate: %d prompt tokens in %d ms, %d tokens at %.1f tokens/s (%s)%n",
                    r.promptTokens(), r.prefillNanos() / 1_000_000, r.tokens().length, r.decodeTokensPerSecond(),
                    r.finishReason().name().toLowerCase());
        }
        return 0;
    }

    private Engine load(Engine.Options options) throws IOException {
        try {
            return Engine.load(model, options);
        } catch (GgufFormatException | UnsupportedModelException e) {
            throw new UserError(e.getMessage());
        }
    }
}
