package dev.colossus.engine.bench;

import dev.colossus.engine.Engine;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.GenerationResult;
import dev.colossus.engine.grammar.Grammar;
import dev.colossus.engine.sample.SamplingParams;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Decode speed with and without a grammar on the same model: runs alternate (unconstrained, constrained, ...) so
 * both see the same machine load; the median of each is reported with their ratio. The grammar is a JSON array of
 * strings, of at least 10,000 items, so that constrained runs, like unconstrained ones, stop at the token budget.
 * Each run's CPU time per token on the generating thread is reported too, with the speed ratio it gives: on a
 * loaded machine wall time is set by the load, CPU time much less.
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
            double[] freeCpu = new double[rounds], constrainedCpu = new double[rounds];
            for (int r = -3; r < rounds; r++) { // rounds below 0 warm up the JIT
                GenerationRequest request = GenerationRequest.of("Once upon a time").withMaxTokens(tokens)
                        .withSampling(SamplingParams.defaults(r + 4)).withSpecialTokens(true, false);
                long t0 = schedulerCpuNanos();
                GenerationResult a = engine.generate(request).stream(t -> { });
                long t1 = schedulerCpuNanos();
                GenerationResult b = engine.generate(request.withGrammar(grammar)).stream(t -> { });
                long t2 = schedulerCpuNanos();
                if (r < 0) continue;
                free[r] = a.decodeTokensPerSecond();
                constrained[r] = b.decodeTokensPerSecond();
                freeCpu[r] = (t1 - t0) / 1e3 / a.tokens().length;
                constrainedCpu[r] = (t2 - t1) / 1e3 / b.tokens().length;
                System.out.printf("round %d: unconstrained %.1f tok/s, %.0f CPU µs/token (%d tokens); constrained %.1f"
                                + " tok/s, %.0f CPU µs/token (%d tokens)%n", r + 1, free[r], freeCpu[r], a.tokens().length,
                        constrained[r], constrainedCpu[r], b.tokens().length);
            }
            double f = median(free), c = median(constrained);
            double fc = median(freeCpu), cc = median(constrainedCpu);
            System.out.printf("median: unconstrained %.1f tok/s, constrained %.1f tok/s, ratio %.3f; generating thread's"
                    + " CPU per token (prompt included) %.0f µs against %.0f µs, speed ratio by CPU %.3f%n", f, c, c / f,
                    fc, cc, fc / cc);
        }
    }

    /**
     * CPU time of the engine's generating thread, in nanoseconds: it runs its share of each forward pass, then
     * samples (and applies the grammar) while the other workers wait, so its time per token is what decoding takes
     * on an idle machine, much less changed by other processes than wall time. (The process's CPU time would count
     * the workers spinning while it samples.)
     */
    private static long schedulerCpuNanos() {
        Thread scheduler = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("colossus-scheduler")).findFirst().orElseThrow();
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(scheduler.threadId());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
