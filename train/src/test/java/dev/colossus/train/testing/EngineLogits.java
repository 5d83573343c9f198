package dev.colossus.train.testing;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.model.Batch;
import dev.colossus.engine.model.KvCache;
import dev.colossus.engine.model.LlamaModel;
import dev.colossus.engine.tensor.Parallel;

import static org.assertj.core.api.Assertions.assertThat;

/** Compares the engine's logits for a model file with the trainer's. */
public final class EngineLogits {

    private EngineLogits() {
    }

    /**
     * Asserts that the engine, loading the model in {@code gguf} on one thread, computes for every position of
     * {@code ids} logits within 1e-3 of {@code expected} ({@code ids.length * vocab} values, position by position).
     */
    public static void assertMatch(GgufFile gguf, int[] ids, int vocab, float[] expected) {
        try (Parallel pool = new Parallel(1)) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            KvCache cache = new KvCache(model.config(), ids.length);
            Batch batch = new Batch(ids.length);
            for (int p = 0; p < ids.length; p++) batch.add(cache, p, ids[p], true);
            LlamaModel.Workspace ws = model.newWorkspace(ids.length);
            model.forward(batch, ws);
            float[] actual = ws.logits();
            double worst = 0;
            for (int i = 0; i < ids.length * vocab; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
            assertThat(worst).as("largest logit difference").isLessThan(1e-3);
        }
    }
}
