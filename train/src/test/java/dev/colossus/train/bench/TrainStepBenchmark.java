package dev.colossus.train.bench;

import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.LlamaTrainingModel;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.optim.AdamW;

import java.util.SplittableRandom;

/**
 * Training throughput of one configuration: forward, backward and AdamW on random tokens, in tokens per second.
 * Arguments (all optional): {@code threads steps dim layers heads kvHeads ffn vocab batch seqLen}; defaults are
 * 2 threads, 6 timed steps (after 2 warm-up steps), dim 256, 4 layers, 8/8 heads, FFN 768, vocab 4096, 8 x 256.
 * Also prints tokens per CPU second of the process, which does not depend on other load on the machine (but counts
 * the pool's spinning between jobs).
 */
public final class TrainStepBenchmark {
    private TrainStepBenchmark() {
    }

    public static void main(String[] args) {
        int[] v = {2, 6, 256, 4, 8, 8, 768, 4096, 8, 256};
        for (int i = 0; i < args.length && i < v.length; i++) v[i] = Integer.parseInt(args[i]);
        int threads = v[0], steps = v[1], batch = v[8], seqLen = v[9];
        LlamaShape shape = new LlamaShape(v[7], v[2], v[3], v[4], v[5], v[6], seqLen, 1e-5f, 10000f, false);
        Parameters params = Parameters.initialize(shape, 1);
        Parameters grads = Parameters.zerosLike(params);
        AdamW adam = new AdamW(params, AdamW.Settings.DEFAULT);
        SplittableRandom random = new SplittableRandom(7);
        int n = batch * seqLen;
        int[] tokens = new int[n + 1];
        for (int i = 0; i < tokens.length; i++) tokens[i] = random.nextInt(shape.vocab());
        int[] inputs = java.util.Arrays.copyOf(tokens, n);
        int[] targets = java.util.Arrays.copyOfRange(tokens, 1, n + 1);
        var cpu = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        try (LlamaTrainingModel model = new LlamaTrainingModel(shape, threads)) {
            for (int s = 0; s < 2 + steps; s++) {
                if (s == 2) System.gc();
                long c0 = cpu.getProcessCpuTime();
                long t0 = System.nanoTime();
                grads.zero();
                float loss = model.forwardBackward(inputs, targets, batch, seqLen, params, grads);
                long t1 = System.nanoTime();
                adam.step(params, grads, 1e-3f);
                long t2 = System.nanoTime();
                double cpuSeconds = (cpu.getProcessCpuTime() - c0) / 1e9;
                System.out.printf("step %d loss %.4f  fwd+bwd %.0f ms  adamw %.0f ms  %.0f tokens/s  %.0f tokens per"
                                + " CPU second%n", s, loss, (t1 - t0) / 1e6, (t2 - t1) / 1e6, n / ((t2 - t0) / 1e9),
                        n / cpuSeconds);
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap used %.0f MB%n", (rt.totalMemory() - rt.freeMemory()) / 1e6);
    }
}
