package dev.colossus.engine.model;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.tensor.Parallel;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The KV cache and batching change nothing about the numbers: cached, batched and from-scratch logits agree. */
class DecodingConsistencyTest {
    private static Parallel pool;

    @BeforeAll
    static void startPool() {
        pool = new Parallel(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    private static float[] logitsOfAllPositions(LlamaModel model, int[] tokens) {
        return LlamaCppReferenceTest.teacherForced(model, tokens);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stories260K.gguf", "rand-qwen2-gpt2-Q8_0.gguf", "rand-llama-v512-Q4_K_M.gguf"})
    void incrementalDecodingWithTheCacheEqualsRecomputingFromScratch(String file) throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.model(file))) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            int vocab = model.config().vocabSize();
            int[] tokens = {1, 403, 407, 261, 378, 29, 300, 17, 99, 42, 7};
            if (model.config().architecture() == Architecture.QWEN2) tokens[0] = 7454;
            // prompt of 4 in one pass, then one token at a time with the cache
            KvCache cache = new KvCache(model.config());
            LlamaModel.Workspace ws = model.newWorkspace(1);
            Batch batch = new Batch(4);
            for (int i = 0; i < 4; i++) batch.add(cache, i, tokens[i], i == 3);
            model.forward(batch, ws);
            float[][] incremental = new float[tokens.length][];
            incremental[3] = Arrays.copyOf(ws.logits(), vocab);
            for (int pos = 4; pos < tokens.length; pos++) {
                batch.clear();
                batch.add(cache, pos, tokens[pos], true);
                model.forward(batch, ws);
                incremental[pos] = Arrays.copyOf(ws.logits(), vocab);
            }
            for (int last = 3; last < tokens.length; last++) {
                float[] scratch = logitsOfAllPositions(model, Arrays.copyOf(tokens, last + 1));
                float[] expected = Arrays.copyOfRange(scratch, last * vocab, (last + 1) * vocab);
                assertThat(maxDifference(incremental[last], expected)).as("position %d", last).isLessThan(1e-5f);
            }
        }
    }

    @Test
    void batchedDecodeOfSeveralSequencesEqualsEachSequenceAlone() throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.model("rand-llama-v512-Q8_0.gguf"))) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            int vocab = model.config().vocabSize();
            List<int[]> prompts = List.of(new int[]{1, 10, 20}, new int[]{1, 300, 301, 302, 303, 304}, new int[]{1, 5});
            int steps = 4;
            // each alone: prefill, then decode token (100 + step)
            float[][][] alone = new float[prompts.size()][steps][];
            for (int s = 0; s < prompts.size(); s++) {
                KvCache cache = new KvCache(model.config());
                LlamaModel.Workspace ws = model.newWorkspace(8);
                prefill(model, cache, prompts.get(s), ws);
                for (int step = 0; step < steps; step++) {
                    Batch b = new Batch(1);
                    b.add(cache, prompts.get(s).length + step, 100 + step + s, true);
                    model.forward(b, ws);
                    alone[s][step] = Arrays.copyOf(ws.logits(), vocab);
                }
            }
            // together: one batch per step with a row per sequence
            KvCache[] caches = new KvCache[prompts.size()];
            LlamaModel.Workspace ws = model.newWorkspace(8);
            for (int s = 0; s < prompts.size(); s++) {
                caches[s] = new KvCache(model.config());
                prefill(model, caches[s], prompts.get(s), ws);
            }
            Batch batch = new Batch(prompts.size());
            for (int step = 0; step < steps; step++) {
                batch.clear();
                for (int s = 0; s < prompts.size(); s++) {
                    assertThat(batch.add(caches[s], prompts.get(s).length + step, 100 + step + s, true)).isEqualTo(s);
                }
                model.forward(batch, ws);
                for (int s = 0; s < prompts.size(); s++) {
                    float[] together = Arrays.copyOfRange(ws.logits(), s * vocab, (s + 1) * vocab);
                    assertThat(maxDifference(together, alone[s][step])).as("sequence %d step %d", s, step)
                            .isLessThan(1e-5f);
                }
            }
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
        return max;
    }

    private static void prefill(LlamaModel model, KvCache cache, int[] prompt, LlamaModel.Workspace ws) {
        Batch b = new Batch(prompt.length);
        for (int i = 0; i < prompt.length; i++) b.add(cache, i, prompt[i], false);
        model.forward(b, ws);
    }

    @Test
    void freeRunningGreedyDecodingReproducesLlamaCppForEveryStoriesPrompt() throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.model("stories260K.gguf"))) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            int vocab = model.config().vocabSize();
            List<Reference> stories = Reference.all().stream().filter(r -> r.model().equals("stories260K.gguf")).toList();
            assertThat(stories).hasSize(4);
            for (Reference ref : stories) {
                int[] prompt = ref.promptTokens();
                int[] expected = ref.greedyIds();
                KvCache cache = new KvCache(model.config());
                LlamaModel.Workspace ws = model.newWorkspace(prompt.length);
                Batch batch = new Batch(prompt.length);
                for (int i = 0; i < prompt.length; i++) batch.add(cache, i, prompt[i], i == prompt.length - 1);
                model.forward(batch, ws);
                int[] ours = new int[expected.length];
                for (int step = 0; step < expected.length; step++) {
                    ours[step] = LlamaCppReferenceTest.argmax(ws.logits(), 0, vocab);
                    batch.clear();
                    batch.add(cache, prompt.length + step, ours[step], true);
                    model.forward(batch, ws);
                }
                assertThat(ours).as(ref.toString()).containsExactly(expected);
            }
        }
    }
}
