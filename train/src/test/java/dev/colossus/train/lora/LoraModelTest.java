package dev.colossus.train.lora;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.train.export.GgufExport;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.LlamaTrainingModel;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.testing.TinyRun;
import dev.colossus.train.tokenizer.BpeTrainer;
import dev.colossus.train.tokenizer.TrainingTokenizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapted model on a frozen base: analytic adapter gradients against central differences, a fresh adapter
 * (B = 0) leaves the base's logits, and the merged float model computes the adapted model's logits, on float and
 * quantized bases.
 */
class LoraModelTest {
    private static final int BATCH = 2;
    private static final int SEQ = 7;

    /** A tiny llama file with weights large enough that every layer matters, in {@code type}. */
    static Path tinyBase(Path dir, GgmlType type, boolean tied) throws IOException {
        TrainingTokenizer tokenizer = TrainingTokenizer.of(new BpeTrainer().add(TinyRun.corpus()).train(270));
        LlamaShape shape = new LlamaShape(tokenizer.vocabularySize(), 16, 2, 4, 2, 24, 16, 1e-5f, 10000f, tied);
        Parameters p = Parameters.initialize(shape, 3);
        SplittableRandom random = new SplittableRandom(3);
        for (Parameters.Tensor t : p.tensors()) {
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = t.isMatrix() ? (float) (random.nextGaussian() * 0.4) : (float) (1 + random.nextGaussian() * 0.2);
            }
        }
        Path file = dir.resolve("base-" + type + "-" + tied + ".gguf");
        GgufExport.write(p, tokenizer, "tiny", type, file);
        return file;
    }

    static Path fixture(String name) {
        Path root = Path.of(System.getProperty("colossus.fixtures", "../shared/fixtures"));
        Path p = root.resolve("models").resolve(name);
        if (!Files.exists(p)) {
            String message = "fixture models/" + name + " not found under " + root.toAbsolutePath();
            if (Boolean.getBoolean("colossus.fixtures.required")) throw new AssertionError(message);
            Assumptions.abort(message);
        }
        return p;
    }

    private static int[] tokens(int vocab, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] t = new int[BATCH * SEQ];
        for (int i = 0; i < t.length; i++) t[i] = random.nextInt(vocab);
        return t;
    }

    /** Adapters with B random too, so that every adapter tensor has a gradient and the adapter changes the logits. */
    private static LoraAdapters randomAdapters(LlamaShape shape, LoraSettings settings, double bStd) {
        LoraAdapters adapters = LoraAdapters.initialize(shape, settings, 11);
        SplittableRandom random = new SplittableRandom(12);
        for (Parameters.Tensor t : adapters.parameters().tensors()) {
            if (!t.name().endsWith("_b")) continue;
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) (random.nextGaussian() * bStd);
        }
        return adapters;
    }

    @ParameterizedTest(name = "base type {0}")
    @ValueSource(strings = {"F32", "F16"})
    void adapterGradientsMatchCentralDifferences(String type, @TempDir Path dir) throws IOException {
        try (FrozenBase base = new FrozenBase(GgufFile.open(tinyBase(dir, GgmlType.valueOf(type), false)));
             LlamaTrainingModel model = new LlamaTrainingModel(base.shape(), 2)) {
            LlamaShape shape = base.shape();
            LoraAdapters adapters = randomAdapters(shape, new LoraSettings(3, 4f, EnumSet.allOf(LoraTarget.class)), 0.3);
            Parameters grads = Parameters.zerosLike(adapters.parameters());
            int[] inputs = tokens(shape.vocab(), 4), targets = tokens(shape.vocab(), 5);
            targets[2] = LlamaTrainingModel.IGNORE;
            model.forwardBackward(inputs, targets, BATCH, SEQ, new LoraWeights(base, adapters, grads));
            LoraWeights forwardOnly = new LoraWeights(base, adapters, null);
            SplittableRandom pick = new SplittableRandom(6);
            for (Parameters.Tensor t : adapters.parameters().tensors()) {
                float[] g = grads.data(t.name());
                int largest = 0;
                for (int i = 1; i < g.length; i++) if (Math.abs(g[i]) > Math.abs(g[largest])) largest = i;
                assertThat(g[largest]).as("%s has a gradient", t.name()).isNotZero();
                for (int i : new int[]{largest, pick.nextInt(g.length)}) {
                    float[] d = t.data();
                    float saved = d[i], h = 1e-2f;
                    d[i] = saved + h;
                    double plus = model.evaluate(inputs, targets, BATCH, SEQ, forwardOnly);
                    d[i] = saved - h;
                    double minus = model.evaluate(inputs, targets, BATCH, SEQ, forwardOnly);
                    d[i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    assertThat(Math.abs(numeric - g[i])).as("%s[%d]: analytic %s, numeric %s", t.name(), i, g[i], numeric)
                            .isLessThan(2e-3 + 2e-2 * Math.abs(numeric));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rand-llama-v512-Q8_0.gguf", "rand-llama-v512-Q4_0.gguf", "rand-llama-spm32k-Q8_0.gguf"})
    void freshAdaptersLeaveTheBaseLogits(String name) throws IOException {
        Path file = fixture(name);
        Parameters dense;
        try (GgufFile gguf = GgufFile.open(file)) {
            dense = Parameters.fromGguf(gguf);
        }
        try (FrozenBase base = new FrozenBase(GgufFile.open(file));
             LlamaTrainingModel model = new LlamaTrainingModel(base.shape(), 2)) {
            LoraAdapters fresh = LoraAdapters.initialize(base.shape(), LoraSettings.of(4), 1);
            int[] inputs = tokens(base.shape().vocab(), 8);
            float[] expected = model.logits(inputs, BATCH, SEQ, dense);
            float[] actual = model.logits(inputs, BATCH, SEQ, new LoraWeights(base, fresh, null));
            assertThat(maxDifference(expected, actual) / maxAbs(expected)).isLessThan(1e-5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rand-llama-v512-Q8_0.gguf", "rand-llama-v512-Q4_0.gguf", "rand-llama-spm32k-Q8_0.gguf"})
    void mergedModelComputesTheAdaptedLogits(String name) throws IOException {
        try (FrozenBase base = new FrozenBase(GgufFile.open(fixture(name)));
             LlamaTrainingModel model = new LlamaTrainingModel(base.shape(), 2)) {
            LoraAdapters adapters = randomAdapters(base.shape(), LoraSettings.of(4), 0.05);
            int[] inputs = tokens(base.shape().vocab(), 9);
            float[] adapted = model.logits(inputs, BATCH, SEQ, new LoraWeights(base, adapters, null));
            float[] merged = model.logits(inputs, BATCH, SEQ, LoraMerge.merge(base, adapters));
            LoraAdapters fresh = LoraAdapters.initialize(base.shape(), LoraSettings.of(4), 1);
            float[] plain = model.logits(inputs, BATCH, SEQ, new LoraWeights(base, fresh, null));
            assertThat(maxDifference(adapted, plain) / maxAbs(plain)).as("the adapters change the logits").isGreaterThan(1e-2);
            assertThat(maxDifference(adapted, merged) / maxAbs(adapted)).isLessThan(1e-4);
        }
    }

    @Test
    void onlyTheTargetedProjectionsGetAdapters() {
        LlamaShape shape = new LlamaShape(50, 16, 2, 4, 2, 24, 16, 1e-5f, 10000f, false);
        LoraAdapters adapters = LoraAdapters.initialize(shape,
                new LoraSettings(2, 4f, LoraTarget.parse("q,v")), 1);
        assertThat(adapters.parameters().layout().keySet()).containsExactly(
                "blk.0.attn_q.lora_a", "blk.0.attn_q.lora_b", "blk.0.attn_v.lora_a", "blk.0.attn_v.lora_b",
                "blk.1.attn_q.lora_a", "blk.1.attn_q.lora_b", "blk.1.attn_v.lora_a", "blk.1.attn_v.lora_b");
        assertThat(adapters.parameters().tensor("blk.0.attn_v.lora_b").ne()).containsExactly(2, shape.kvDim());
        assertThat(adapters.parameters().tensor("blk.0.attn_v.lora_a").data()).isNotEqualTo(new float[32]);
        assertThat(adapters.parameters().tensor("blk.0.attn_v.lora_b").data()).containsOnly(0f);
    }

    static double maxDifference(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        return worst;
    }

    static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) m = Math.max(m, Math.abs(v));
        return m;
    }
}
