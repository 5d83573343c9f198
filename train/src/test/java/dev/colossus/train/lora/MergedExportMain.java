package dev.colossus.train.lora;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.train.tokenizer.TrainingTokenizer;

import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Exports the merge of {@link #adapters} with a base through {@link LoraMerge#export}, for a test that runs it in a
 * JVM whose heap is smaller than the merged model. Arguments: {@code BASE.gguf OUT.gguf}.
 */
public final class MergedExportMain {
    private MergedExportMain() {
    }

    public static void main(String[] args) throws Exception {
        try (FrozenBase base = new FrozenBase(GgufFile.open(Path.of(args[0])))) {
            LoraMerge.export(base, adapters(base), TrainingTokenizer.fromGguf(base.file()), "merged", GgmlType.F32,
                    Path.of(args[1]));
        }
    }

    /** Rank-2 adapters on every projection with random, non-zero A and B (seed 3). */
    static LoraAdapters adapters(FrozenBase base) {
        LoraAdapters adapters = LoraAdapters.initialize(base.shape(), LoraSettings.of(2), 3);
        SplittableRandom random = new SplittableRandom(3);
        for (var t : adapters.parameters().tensors()) {
            float[] v = t.data();
            for (int i = 0; i < v.length; i++) v[i] = (float) (random.nextDouble() - 0.5) * 0.1f;
        }
        return adapters;
    }
}
