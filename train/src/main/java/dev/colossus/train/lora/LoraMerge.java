package dev.colossus.train.lora;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.tensor.WeightMatrix;
import dev.colossus.train.export.GgufExport;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.tokenizer.TrainingTokenizer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Folds adapters into their base: {@code W' = W + (alpha/rank)·B·A} for every adapted projection, every other
 * tensor dequantized as it is. {@link #export} writes the merged model as GGUF one tensor at a time (memory for the
 * largest tensor, not the model); {@link #merge} returns it whole as floats.
 * <p>Thread safety: stateless.
 */
public final class LoraMerge {

    private LoraMerge() {
    }

    /**
     * Writes the merged model to {@code out} as {@link GgufExport} does (replacing it; a failed write leaves no
     * partial file), forming each tensor only when it is written: beyond the mapped base and the adapters, the
     * heap holds one tensor's floats and their encoding at a time (for a 1B llama model with a 32,000-token
     * vocabulary, the 65.5M-float embedding: about 0.5 GB in F32).
     *
     * @param type F32 or F16
     * @throws IOException              when the file cannot be written
     * @throws IllegalArgumentException when the adapters belong to a model of another shape, the tokenizer's size
     *                                  is not the vocabulary, or {@code type} is neither F32 nor F16
     */
    public static void export(FrozenBase base, LoraAdapters adapters, TrainingTokenizer tokenizer, String name,
                              GgmlType type, Path out) throws IOException {
        checkShape(base, adapters);
        GgufExport.writer(base.shape(), tokenizer, name, type, tensor -> merged(base, adapters, tensor)).write(out);
    }

    /**
     * {@link #export(FrozenBase, LoraAdapters, TrainingTokenizer, String, GgmlType, Path)} with the base read from
     * {@code base}.
     *
     * @throws IOException              when the base cannot be read or the file written
     * @throws IllegalArgumentException as the other form, or when the base is not a trainable llama model
     */
    public static void export(Path base, LoraAdapters adapters, TrainingTokenizer tokenizer, String name,
                              GgmlType type, Path out) throws IOException {
        try (FrozenBase frozen = new FrozenBase(GgufFile.open(base))) {
            export(frozen, adapters, tokenizer, name, type, out);
        }
    }

    /**
     * The merged model, in float32 (the whole model's floats: for a 1B model about 4.4 GB of heap; {@link #export}
     * writes it without holding it).
     *
     * @throws IllegalArgumentException when the adapters belong to a model of another shape
     */
    public static Parameters merge(FrozenBase base, LoraAdapters adapters) {
        checkShape(base, adapters);
        Parameters merged = Parameters.zeros(base.shape());
        for (Parameters.Tensor t : merged.tensors()) {
            float[] values = merged(base, adapters, t.name());
            System.arraycopy(values, 0, t.data(), 0, values.length);
        }
        return merged;
    }

    private static void checkShape(FrozenBase base, LoraAdapters adapters) {
        LlamaShape shape = base.shape();
        if (!adapters.parameters().shape().equals(shape)) {
            throw new IllegalArgumentException("the adapters belong to a model of another shape");
        }
    }

    /** The merged floats of tensor {@code name} (a new array). */
    private static float[] merged(FrozenBase base, LoraAdapters adapters, String name) {
        int[] ne = Parameters.layout(base.shape()).get(name);
        if (ne.length < 2) return base.vector(name).clone();
        WeightMatrix w = base.matrix(name);
        int in = w.cols();
        float[] out = new float[Math.multiplyExact(w.rows(), in)];
        for (int r = 0; r < w.rows(); r++) w.dequantizeRow(r, out, r * in);
        if (!adapters.adapts(name)) return out;
        float scale = adapters.settings().scale();
        int rank = adapters.settings().rank();
        float[] a = adapters.parameters().data(LoraAdapters.aName(name));
        float[] b = adapters.parameters().data(LoraAdapters.bName(name));
        for (int o = 0; o < w.rows(); o++) {
            for (int j = 0; j < rank; j++) {
                float c = scale * b[o * rank + j];
                for (int i = 0, ao = j * in, wo = o * in; i < in; i++) out[wo + i] += c * a[ao + i];
            }
        }
        return out;
    }
}
