package dev.colossus.engine.bench;

import dev.colossus.engine.Engine;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.GenerationResult;
import dev.colossus.engine.grammar.Grammar;
import dev.colossus.engine.sample.SamplingParams;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Decode speed with and without a grammar on the same model: runs alternate (unconstrained, constrained, ...) so
 * both see the same machine load; the median of each is reported with their ratio. The grammar is a JSON array of
 * strings, of at least 10,000 items, so that constrained runs, like unconstrained ones, stop at the token budget.
 * <p>Usage: {@code bench/java-bench engine dev.colossus.engine.bench.ConstrainedBenchmark MODEL.gguf [tokens=128]
 * [rounds=7] [threads=2]}.
 */
public final class ConstrainedBenchmark {
    private ConstrainedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Grammar grammar = Grammar.jsonSchema(Map.of("type", "array",
                "minItems", 10_000, "items", Map.of("type", "string", "maxLength", 40)));
        try (Engine engine = Engine.load(model, Engine.Options.defaults().withThreads(threads))) {
            double[] free = new double[rounds], constrained = new double[rounds];
            for (int r = -3; r < rounds; r++) { // rounds below 0 warm up the JIT
                GenerationRequest request = GenerationRequest.of("Once upon a time").withMaxTokens(tokens)
                        .withSampling(SamplingParams.defaults(r + 4)).withSpecialTokens(true, false);
                GenerationResult a = engine.generate(request).stream(t -> { });
                GenerationResult b = engine.generate(request.withGrammar(grammar)).stream(t -> { });
                if (r < 0) continue;
                free[r] = a.decodeTokensPerSecond();
                constrained[r] = b.decodeTokensPerSecond();
                System.out.printf("round %d: unconstrained %.1f tok/s (%d tokens), constrained %.1f tok/s (%d tokens)%n",
                        r + 1, free[r], a.tokens().length, constrained[r], b.tokens().length);
            }
            double f = median(free), c = median(constrained);
            System.out.printf("median: unconstrained %.1f tok/s, constrained %.1f tok/s, ratio %.3f%n", f, c, c / f);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
