package dev.colossus.train.lora;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.tensor.WeightMatrix;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Folds adapters into their base: {@code W' = W + (alpha/rank)·B·A} for every adapted projection, every other
 * tensor dequantized as it is; the result is an ordinary float model (for {@link dev.colossus.train.export.GgufExport}).
 * <p>Thread safety: stateless.
 */
public final class LoraMerge {

    private LoraMerge() {
    }

    /**
     * {@link #merge(FrozenBase, LoraAdapters)} with the base read from {@code base}.
     *
     * @throws IOException              when the base cannot be read
     * @throws IllegalArgumentException when it is not a trainable llama model of the adapters' shape
     */
    public static Parameters merge(Path base, LoraAdapters adapters) throws IOException {
        try (FrozenBase frozen = new FrozenBase(GgufFile.open(base))) {
            return merge(frozen, adapters);
        }
    }

    /**
     * The merged model, in float32 (the whole model's floats: for a 1B model about 4.4 GB of heap).
     *
     * @throws IllegalArgumentException when the adapters belong to a model of another shape
     */
    public static Parameters merge(FrozenBase base, LoraAdapters adapters) {
        LlamaShape shape = base.shape();
        if (!adapters.parameters().shape().equals(shape)) {
            throw new IllegalArgumentException("the adapters belong to a model of another shape");
        }
        Parameters merged = Parameters.zeros(shape);
        float scale = adapters.settings().scale();
        int rank = adapters.settings().rank();
        for (Parameters.Tensor t : merged.tensors()) {
            float[] out = t.data();
            if (!t.isMatrix()) {
                System.arraycopy(base.vector(t.name()), 0, out, 0, out.length);
                continue;
            }
            WeightMatrix w = base.matrix(t.name());
            int in = w.cols();
            for (int r = 0; r < w.rows(); r++) w.dequantizeRow(r, out, r * in);
            if (!adapters.adapts(t.name())) continue;
            float[] a = adapters.parameters().data(LoraAdapters.aName(t.name()));
            float[] b = adapters.parameters().data(LoraAdapters.bName(t.name()));
            for (int o = 0; o < w.rows(); o++) {
                for (int j = 0; j < rank; j++) {
                    float c = scale * b[o * rank + j];
                    for (int i = 0, ao = j * in, wo = o * in; i < in; i++) out[wo + i] += c * a[ao + i];
                }
            }
        }
        return merged;
    }
}
