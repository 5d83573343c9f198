package dev.colossus.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.tensor.Parallel;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Architecture variants the family fixtures do not cover, on small random F32 models written here
 * ({@link VariantModel}) and run by llama.cpp once ({@code llamacpp-variants.json}: F32 key/value cache, no flash
 * attention, all {@link #TOKENS} decoded as one batch, the top-5 log-probabilities at every position). With F32
 * weights neither side rounds activations, so the only differences are summation order: the tolerance is 1e-3.
 */
class ArchitectureVariantsTest {
    static final double TOLERANCE = 1e-3;
    /** BOS then 47 ids drawn from the 512-token vocabulary: enough positions to leave every sliding window. */
    static final int[] TOKENS = tokens();

    private static Parallel pool;

    @TempDir
    Path dir;

    record Variant(String name, VariantModel model) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Variant> variants() {
        return List.of(
                // Llama 3.x RoPE scaling: every pair's frequency divided by its rope_freqs factor
                new Variant("llama-rope-freqs", new VariantModel("llama", 64, 2, 4, 2, 16, 128, 16,
                        Map.of("rope.freq_base", 10000f), true, false, 11)),
                // Phi-3 with grouped-query attention (uneven fused Q/K/V split) and RoPE on a quarter of each head
                new Variant("phi3-gqa-partial-rotary", new VariantModel("phi3", 64, 2, 4, 2, 16, 96, 4,
                        Map.of("rope.freq_base", 10000f), false, true, 12)),
                // Gemma 3: linear RoPE scaling on the global layers only, a window of 4, local:global 1:1,
                // final soft-capping read from the file
                new Variant("gemma3-scaled-global-rope", new VariantModel("gemma3", 64, 4, 2, 1, 32, 128, 32,
                        Map.of("rope.freq_base", 1000000f, "rope.freq_base_swa", 10000f,
                                "attention.sliding_window", 4, "attention.sliding_window_pattern", 2,
                                "rope.scaling.type", "linear", "rope.scaling.factor", 8f,
                                "final_logit_softcapping", 30f), false, false, 13)),
                // Gemma 2: two local layers to one global, window 3, soft-caps from the file
                new Variant("gemma2-pattern-3", new VariantModel("gemma2", 64, 3, 2, 1, 32, 128, 32,
                        Map.of("rope.freq_base", 10000f, "attention.sliding_window", 3,
                                "attention.sliding_window_pattern", 3, "attn_logit_softcapping", 20f,
                                "final_logit_softcapping", 10f), false, false, 14)),
                // Qwen2 with Q, K, V and their biases fused in attn_qkv (llama.cpp accepts either layout)
                new Variant("qwen2-fused-qkv-bias", new VariantModel("qwen2", 64, 2, 4, 2, 16, 128, 16,
                        Map.of("rope.freq_base", 1000000f), false, true, 15)));
    }

    private static int[] tokens() {
        SplittableRandom random = new SplittableRandom(42);
        int[] t = new int[48];
        t[0] = 1;
        for (int i = 1; i < t.length; i++) t[i] = 3 + random.nextInt(509);
        return t;
    }

    @BeforeAll
    static void startPool() {
        pool = new Parallel(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void topFiveLogProbabilitiesAtEveryPositionMatchLlamaCpp(Variant v) throws IOException {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("llamacpp-variants.json")) {
            expected = new ObjectMapper().readTree(in).get("variants").get(v.name());
        }
        assertThat(expected).as("llama.cpp reference for %s", v).isNotNull();
        Path file = dir.resolve(v.name() + ".gguf");
        v.model().write(Fixtures.model("stories260K.gguf"), file);
        try (GgufFile gguf = GgufFile.open(file)) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            int vocab = model.config().vocabSize();
            float[] logits = LlamaCppReferenceTest.teacherForced(model, TOKENS);
            double maxDiff = 0;
            for (int pos = 0; pos < TOKENS.length; pos++) {
                double[] logProbs = FamilyFidelityTest.logSoftmax(logits, pos * vocab, vocab);
                JsonNode top5 = expected.get(pos);
                assertThat(FamilyFidelityTest.topK(logProbs, 1)[0]).as("%s position %d top-1", v, pos)
                        .isEqualTo(top5.get(0).get(0).asInt());
                for (JsonNode e : top5) {
                    int id = e.get(0).asInt();
                    maxDiff = Math.max(maxDiff, Math.abs(logProbs[id] - e.get(1).asDouble()));
                    assertThat(logProbs[id]).as("%s position %d log-probability of token %d", v, pos, id)
                            .isCloseTo(e.get(1).asDouble(), within(TOLERANCE));
                }
            }
            System.out.printf("%s: max |log-probability difference| %.2e%n", v, maxDiff);
        }
    }

    /**
     * The cache path (one row per pass, single-row kernels) against the batched pass: equal up to summation order,
     * which Gemma's F16-rounded GeGLU can turn into a few 1e-4 (a window or cache error would be far larger).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void decodingOneTokenAtATimeEqualsOneBatch(Variant v) throws IOException {
        Path file = dir.resolve(v.name() + ".gguf");
        v.model().write(Fixtures.model("stories260K.gguf"), file);
        try (GgufFile gguf = GgufFile.open(file)) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            int vocab = model.config().vocabSize();
            float[] batched = LlamaCppReferenceTest.teacherForced(model, TOKENS);
            KvCache cache = new KvCache(model.config());
            LlamaModel.Workspace ws = model.newWorkspace(1);
            Batch batch = new Batch(1);
            for (int pos = 0; pos < TOKENS.length; pos++) {
                batch.clear();
                batch.add(cache, pos, TOKENS[pos], true);
                model.forward(batch, ws);
                for (int i = 0; i < vocab; i++) {
                    assertThat(ws.logits()[i]).as("%s position %d logit %d", v, pos, i)
                            .isCloseTo(batched[pos * vocab + i], within(1e-3f));
                }
            }
        }
    }
}
