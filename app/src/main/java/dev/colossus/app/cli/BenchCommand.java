package dev.colossus.app.cli;

import dev.colossus.app.UserError;
import dev.colossus.engine.bench.ModelShape;
import dev.colossus.engine.bench.RandomModel;
import dev.colossus.engine.gguf.GgmlType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code colossus bench}: makes random-weight benchmark models ({@code --make-model SIZE --out FILE --type T}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Make a random-weight llama model of a named size for benchmarks: "
                + "bench --make-model tiny|100m --out FILE --type Q8_0|Q4_0|Q4_K|Q6_K|F16|BF16|F32.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--make-model", paramLabel = "SIZE", description = "Write a random model of this size (tiny, 100m).")
    String makeModel;

    @Option(names = "--out", paramLabel = "FILE", description = "Where --make-model writes the GGUF file.")
    Path out;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "Q8_0",
            description = "Weight type for --make-model (default ${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--seed", defaultValue = "1234", description = "Random seed for --make-model (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (makeModel == null) throw new UserError("give --make-model SIZE --out FILE");
        return make();
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
}
