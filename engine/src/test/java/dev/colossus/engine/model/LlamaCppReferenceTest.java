package dev.colossus.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.tensor.Parallel;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our logits against llama.cpp's for every model and prompt of the reference fixtures, by teacher forcing: the
 * prompt plus llama.cpp's greedy continuation go through one batched pass, and every position's logits are compared.
 */
class LlamaCppReferenceTest {
    private static Parallel pool;

    @BeforeAll
    static void startPool() {
        pool = new Parallel(2);
    }

    @AfterAll
    static void stopPool() {
        pool.close();
    }

    static List<Reference> references() {
        return Reference.all();
    }

    /** All positions' logits for the prompt followed by the reference greedy ids, from one batched pass. */
    static float[] teacherForced(LlamaModel model, int[] tokens) {
        KvCache cache = new KvCache(model.config());
        Batch batch = new Batch(tokens.length);
        for (int i = 0; i < tokens.length; i++) batch.add(cache, i, tokens[i], true);
        LlamaModel.Workspace ws = model.newWorkspace(tokens.length);
        model.forward(batch, ws);
        return Arrays.copyOf(ws.logits(), tokens.length * model.config().vocabSize());
    }

    static int argmax(float[] logits, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (logits[offset + i] > logits[offset + best]) best = i;
        return best;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void teacherForcedLogitsMatchLlamaCpp(Reference ref) throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.model(ref.model()))) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            int vocab = model.config().vocabSize();
            assertThat(vocab).isEqualTo(ref.json().get("n_vocab").asInt());
            int[] prompt = ref.promptTokens();
            int[] greedy = ref.greedyIds();
            int[] tokens = new int[prompt.length + greedy.length - 1];
            System.arraycopy(prompt, 0, tokens, 0, prompt.length);
            System.arraycopy(greedy, 0, tokens, prompt.length, greedy.length - 1);
            float[] logits = teacherForced(model, tokens);
            float tol = ref.logitTolerance();
            float[] maxDiff = new float[1];

            // prompt positions: top-5 logits
            JsonNode positions = ref.json().get("prompt_positions_topk");
            for (JsonNode p : positions) {
                int pos = p.get("pos").asInt();
                compareTopK(ref, logits, pos * vocab, ref.ints(p.get("ids")), p.get("logits"), tol, maxDiff,
                        "prompt position " + pos);
            }
            // generated steps: top-1 where the reference margin is clear, top-5 logits always
            JsonNode g = ref.json().get("greedy");
            for (int step = 0; step < greedy.length; step++) {
                int row = (prompt.length - 1 + step) * vocab;
                float margin = (float) g.get("step_margin_top1_minus_top2").get(step).asDouble();
                if (margin >= ref.marginThreshold()) {
                    assertThat(argmax(logits, row, vocab)).as("%s step %d top-1 (reference margin %s)", ref, step, margin)
                            .isEqualTo(greedy[step]);
                }
                compareTopK(ref, logits, row, ref.ints(g.get("step_topk_ids").get(step)),
                        g.get("step_topk_logits").get(step), tol, maxDiff, "step " + step);
            }
            // the whole last-position vector
            float[] last = ref.lastLogits();
            assertThat(last).hasSize(vocab);
            int lastRow = (prompt.length - 1) * vocab;
            for (int i = 0; i < vocab; i++) {
                float d = Math.abs(logits[lastRow + i] - last[i]);
                maxDiff[0] = Math.max(maxDiff[0], d);
                assertThat(d).as("%s last-position logit of token %d: ours %s, llama.cpp %s", ref, i,
                        logits[lastRow + i], last[i]).isLessThanOrEqualTo(tol);
            }
            System.out.printf("%s: max |logit difference| %.2e (tolerance %.0e)%n", ref, maxDiff[0], tol);
        }
    }

    private static void compareTopK(Reference ref, float[] logits, int row, int[] ids, JsonNode expected, float tol,
                                    float[] maxDiff, String where) {
        for (int j = 0; j < ids.length; j++) {
            float ours = logits[row + ids[j]];
            float theirs = (float) expected.get(j).asDouble();
            maxDiff[0] = Math.max(maxDiff[0], Math.abs(ours - theirs));
            assertThat(ours).as("%s %s logit of token %d", ref, where, ids[j])
                    .isCloseTo(theirs, org.assertj.core.api.Assertions.within(tol));
        }
    }
}
