package dev.colossus.train.bench;

import dev.colossus.engine.bench.ModelShape;
import dev.colossus.engine.bench.RandomModel;
import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.train.lora.FrozenBase;
import dev.colossus.train.lora.LoraAdapters;
import dev.colossus.train.lora.LoraMerge;
import dev.colossus.train.lora.LoraSettings;
import dev.colossus.train.lora.LoraWeights;
import dev.colossus.train.model.LlamaTrainingModel;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.optim.AdamW;
import dev.colossus.train.tokenizer.TrainingTokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * LoRA steps on a ~1B llama-shaped random model (dim 2048, 16 layers, 32/8 heads, FFN 8192, vocab 32000), written
 * first when the file is absent: seconds per step (forward, backward, AdamW on the adapters) and the process's peak
 * resident memory; with an output file, then the time and peak resident memory of the merged export
 * ({@link LoraMerge#export}, F16). Arguments:
 * {@code FILE.gguf [type=Q8_0] [rank=8] [steps=3] [seqLen=128] [threads=2] [OUT.gguf]}.
 */
public final class LoraMemoryBenchmark {
    private LoraMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        GgmlType type = GgmlType.valueOf(args.length > 1 ? args[1] : "Q8_0");
        int rank = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int seqLen = args.length > 4 ? Integer.parseInt(args[4]) : 128;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        Path merged = args.length > 6 ? Path.of(args[6]) : null;
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            RandomModel.write(new ModelShape("1b", 2048, 16, 32, 8, 8192, 32000, 2048), type, 1, file, line -> { });
            System.out.printf("wrote %s (%.2f GB) in %.0f s%n", file, Files.size(file) / 1e9, (System.nanoTime() - t0) / 1e9);
        }
        try (FrozenBase base = new FrozenBase(GgufFile.open(file));
             LlamaTrainingModel model = new LlamaTrainingModel(base.shape(), threads)) {
            System.out.printf("base: %,d parameters; after loading: RSS peak %d MB%n", base.shape().parameterCount(), peakRssMb());
            LoraAdapters adapters = LoraAdapters.initialize(base.shape(), LoraSettings.of(rank), 1);
            Parameters grads = Parameters.zerosLike(adapters.parameters());
            AdamW adam = new AdamW(adapters.parameters(), AdamW.Settings.DEFAULT);
            LoraWeights weights = new LoraWeights(base, adapters, grads);
            System.out.printf("adapters: %,d parameters (rank %d)%n", adapters.parameters().count(), rank);
            SplittableRandom random = new SplittableRandom(1);
            for (int s = 0; s < steps; s++) {
                int[] tokens = new int[seqLen + 1];
                for (int i = 0; i < tokens.length; i++) tokens[i] = random.nextInt(base.shape().vocab());
                int[] inputs = java.util.Arrays.copyOf(tokens, seqLen);
                int[] targets = java.util.Arrays.copyOfRange(tokens, 1, seqLen + 1);
                long t0 = System.nanoTime();
                grads.zero();
                float loss = model.forwardBackward(inputs, targets, 1, seqLen, weights);
                adam.step(adapters.parameters(), grads, 1e-3f);
                System.out.printf("step %d: loss %.4f, %.1f s, RSS peak %d MB%n", s + 1, loss, (System.nanoTime() - t0) / 1e9,
                        peakRssMb());
            }
            if (merged != null) {
                long t0 = System.nanoTime();
                LoraMerge.export(base, adapters, TrainingTokenizer.fromGguf(base.file()), "merged", GgmlType.F16, merged);
                System.out.printf("merged export: %s (%.2f GB) in %.1f s, RSS peak %d MB%n", merged,
                        Files.size(merged) / 1e9, (System.nanoTime() - t0) / 1e9, peakRssMb());
            }
        }
    }

    private static long peakRssMb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return -1;
    }
}
