package dev.colossus.engine.bench;

import dev.colossus.engine.Engine;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.GenerationResult;
import dev.colossus.engine.sample.SamplingParams;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Time to first token of the 5th turn of a conversation, with the engine's prefix cache and without it, on the same
 * model in one run. Each turn adds a user message of about {@code words} words and an answer of 32 tokens; the 5th
 * turn's prompt is the whole conversation. Conversations alternate (cached, uncached, ...) so both see the same
 * machine load; medians and their ratio are reported.
 * <p>Usage: {@code bench/java-bench engine dev.colossus.engine.bench.PrefixCacheBenchmark MODEL.gguf [words=150]
 * [rounds=5] [threads=2]}.
 */
public final class PrefixCacheBenchmark {
    private static final String[] WORDS = ("the network shows what people post about music science games food travel"
            + " weather football cinema books code art history and the assistant answers with sources from them").split(" ");

    private PrefixCacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int words = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Engine.Options options = Engine.Options.defaults().withThreads(threads);
        try (Engine cached = Engine.load(model, options);
             Engine uncached = Engine.load(model, options.withPrefixCacheBytes(0))) {
            double[] withCache = new double[rounds], without = new double[rounds];
            int promptTokens = 0, reused = 0;
            for (int r = -2; r < rounds; r++) { // rounds below 0 warm up the JIT
                GenerationResult a = fifthTurn(cached, words, r + 3);
                GenerationResult b = fifthTurn(uncached, words, r + 3);
                if (r < 0) continue;
                withCache[r] = a.prefillNanos() / 1e6;
                without[r] = b.prefillNanos() / 1e6;
                promptTokens = a.promptTokens();
                reused = a.reusedTokens();
                System.out.printf("round %d: 5th turn (%d prompt tokens) first token after %.1f ms with the prefix cache"
                        + " (%d reused), %.1f ms without%n", r + 1, a.promptTokens(), withCache[r], a.reusedTokens(),
                        without[r]);
            }
            double c = median(withCache), u = median(without);
            System.out.printf("median time to first token of the 5th turn (%d prompt tokens, %d reused): %.1f ms with the"
                    + " prefix cache, %.1f ms without, %.1fx faster%n", promptTokens, reused, c, u, u / c);
        }
    }

    /** Runs turns 1-4 of a conversation (distinct per seed) and returns the 5th turn's result. */
    private static GenerationResult fifthTurn(Engine engine, int words, long seed) throws Exception {
        StringBuilder conversation = new StringBuilder("You are a helpful assistant.\n");
        GenerationResult last = null;
        for (int turn = 1; turn <= 5; turn++) {
            conversation.append("\nUser: ").append(message(seed * 31 + turn, words)).append("\nAssistant:");
            last = engine.generate(GenerationRequest.of(conversation.toString()).withMaxTokens(turn == 5 ? 1 : 32)
                    .withSampling(SamplingParams.defaults(seed))).stream(t -> { });
            conversation.append(last.text());
        }
        return last;
    }

    private static String message(long seed, int words) {
        StringBuilder text = new StringBuilder();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < words; i++) text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        return text.toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
