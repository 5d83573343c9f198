package dev.colossus.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.Engine;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.GenerationResult;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.tensor.Parallel;
import dev.colossus.engine.testing.Fixtures;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Tokenizers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each model family (Qwen3, Gemma 2, Gemma 3, Phi-3) against llama.cpp on the random-weight fixtures of
 * {@code reference/families.json}: the prompt's token ids, the 24-token greedy continuation, and at every step the
 * top-5 token ids and their log-probabilities.
 * <p>Tolerances: the reference ran in llama-server's default context (F16 key/value cache and flash attention, which
 * also rounds queries and accumulates the attention output in F16), decoding the continuation one token at a time,
 * where this engine keeps attention in float32. llama.cpp itself, run on the same files with an F32 cache and no
 * flash attention (teacher-forced in one batch like this test), differs from these references by up to 0.055 (Qwen3),
 * 0.033 (Phi-3), 0.0025 (Gemma 2) and 0.0038 (Gemma 3) in log-probability, and flips one greedy token of Phi-3 at a
 * step whose reference top-1/top-2 margin is 0.0125: the random Qwen3 and Phi-3 weights amplify rounding more than
 * the Gemma ones. Each family's tolerance is that measured llama.cpp difference with a little room; a greedy token
 * must equal llama.cpp's until the first step whose reference margin is under twice the tolerance.
 * <p>Against llama.cpp in that float32 mode ({@code llamacpp-f32-families.json}, made with libllama on the same files
 * and teacher-forced tokens), every top-5 log-probability must agree within {@link #F32_TOLERANCE} and every top-1
 * exactly, except at a near-tie (reference top-1/top-2 margin under twice the tolerance: one Phi-3 step, 0.0032, flips
 * with 128-bit vectors), where ours must be one of the two. Measured: at most 7e-3 (Qwen3), 4.7e-3 (Phi-3), 1.2e-3 (Gemma); one Phi-3 and one Gemma 2 prompt agree
 * to 1e-4, the others less closely (a rounding difference in the F16 weight products on some batch shapes, not traced
 * further).
 */
class FamilyFidelityTest {
    /** Largest allowed |our log-probability - llama.cpp's| for a top-5 token, per model (see the class comment). */
    private static final Map<String, Double> TOLERANCE = Map.of(
            "rand-qwen3-gpt2-F16", 6e-2,
            "rand-phi3-spm32k-F16", 4e-2,
            "rand-gemma2-spm32k-F16", 4e-3,
            "rand-gemma3-spm32k-F16", 5e-3);

    /** Largest allowed |our log-probability - llama.cpp's| when both keep attention in float32. */
    static final double F32_TOLERANCE = 1e-2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Parallel pool;

    /** One model and prompt of families.json. */
    record Case(String model, JsonNode json) {
        String prompt() {
            return json.get("prompt").asText();
        }

        int[] ints(JsonNode array) {
            int[] out = new int[array.size()];
            for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
            return out;
        }

        int[] promptTokens() {
            return ints(json.get("tokens_add_special"));
        }

        double tolerance() {
            Double t = TOLERANCE.get(model);
            if (t == null) throw new AssertionError("no tolerance for " + model + " in " + FamilyFidelityTest.class);
            return t;
        }

        /** The reference's top-1 minus top-2 log-probability at {@code step}. */
        double margin(int step) {
            JsonNode top5 = json.get("greedy").get(step).get("top5");
            return top5.get(0).get(1).asDouble() - top5.get(1).get(1).asDouble();
        }

        int[] greedyIds() {
            JsonNode g = json.get("greedy");
            int[] out = new int[g.size()];
            for (int i = 0; i < out.length; i++) out[i] = g.get(i).get("id").asInt();
            return out;
        }

        @Override
        public String toString() {
            return model + " / \"" + prompt().replace("\n", "\\n") + "\"";
        }
    }

    static List<Case> cases() throws IOException {
        JsonNode models = JSON.readTree(Fixtures.require("reference/families.json").toFile()).get("models");
        List<Case> out = new ArrayList<>();
        models.fields().forEachRemaining(e -> e.getValue().forEach(c -> out.add(new Case(e.getKey(), c))));
        return out;
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
    @MethodSource("cases")
    void promptTokensMatchLlamaCpp(Case c) throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.model(c.model() + ".gguf"))) {
            Tokenizer tokenizer = Tokenizers.fromGguf(gguf);
            assertThat(tokenizer.encode(c.prompt(), true, false)).as(c.toString()).containsExactly(c.promptTokens());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void teacherForcedTopFiveLogProbabilitiesMatchLlamaCpp(Case c) throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.model(c.model() + ".gguf"))) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            int vocab = model.config().vocabSize();
            int[] prompt = c.promptTokens();
            int[] greedy = c.greedyIds();
            int[] tokens = Arrays.copyOf(prompt, prompt.length + greedy.length - 1);
            System.arraycopy(greedy, 0, tokens, prompt.length, greedy.length - 1);
            float[] logits = LlamaCppReferenceTest.teacherForced(model, tokens);
            double maxDiff = 0, tol = c.tolerance();
            for (int step = 0; step < greedy.length; step++) {
                double[] logProbs = logSoftmax(logits, (prompt.length - 1 + step) * vocab, vocab);
                JsonNode top5 = c.json().get("greedy").get(step).get("top5");
                int[] ours = topK(logProbs, top5.size());
                if (c.margin(step) >= 2 * tol) {
                    assertThat(ours[0]).as("%s step %d top-1", c, step).isEqualTo(greedy[step]);
                }
                double fifth = top5.get(top5.size() - 1).get(1).asDouble();
                List<Integer> theirIds = new ArrayList<>();
                for (JsonNode e : top5) {
                    int id = e.get(0).asInt();
                    theirIds.add(id);
                    double theirs = e.get(1).asDouble();
                    maxDiff = Math.max(maxDiff, Math.abs(logProbs[id] - theirs));
                    assertThat(logProbs[id]).as("%s step %d log-probability of token %d", c, step, id)
                            .isCloseTo(theirs, within(tol));
                }
                for (int id : ours) {
                    // a token only we rank in the top 5 must be a near-tie with llama.cpp's fifth
                    if (!theirIds.contains(id)) {
                        assertThat(logProbs[id]).as("%s step %d: token %d in our top 5 only", c, step, id)
                                .isCloseTo(fifth, within(2 * tol));
                    }
                }
            }
            System.out.printf("%s: max |log-probability difference| %.2e (tolerance %.0e)%n", c, maxDiff, tol);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void teacherForcedTopFiveMatchesLlamaCppWithFloat32Attention(Case c) throws IOException {
        JsonNode f32;
        try (var in = FamilyFidelityTest.class.getResourceAsStream("llamacpp-f32-families.json")) {
            f32 = JSON.readTree(in).get("models").get(c.model());
        }
        JsonNode steps = null;
        for (JsonNode e : f32) if (e.get("prompt").asText().equals(c.prompt())) steps = e.get("top5");
        assertThat(steps).as("float32 reference for %s", c).isNotNull();
        try (GgufFile gguf = GgufFile.open(Fixtures.model(c.model() + ".gguf"))) {
            LlamaModel model = LlamaModel.load(gguf, pool);
            int vocab = model.config().vocabSize();
            int[] prompt = c.promptTokens();
            int[] greedy = c.greedyIds();
            int[] tokens = Arrays.copyOf(prompt, prompt.length + greedy.length - 1);
            System.arraycopy(greedy, 0, tokens, prompt.length, greedy.length - 1);
            float[] logits = LlamaCppReferenceTest.teacherForced(model, tokens);
            double maxDiff = 0;
            for (int step = 0; step < greedy.length; step++) {
                double[] logProbs = logSoftmax(logits, (prompt.length - 1 + step) * vocab, vocab);
                JsonNode top5 = steps.get(step);
                int top1 = argmax(logProbs);
                double margin = top5.get(0).get(1).asDouble() - top5.get(1).get(1).asDouble();
                if (margin >= 2 * F32_TOLERANCE) {
                    assertThat(top1).as("%s step %d top-1", c, step).isEqualTo(top5.get(0).get(0).asInt());
                } else {
                    // a near-tie: the summation order of the vector width may pick either of the two
                    assertThat(top1).as("%s step %d top-1 of a near-tie", c, step)
                            .isIn(top5.get(0).get(0).asInt(), top5.get(1).get(0).asInt());
                }
                for (JsonNode e : top5) {
                    int id = e.get(0).asInt();
                    maxDiff = Math.max(maxDiff, Math.abs(logProbs[id] - e.get(1).asDouble()));
                    assertThat(logProbs[id]).as("%s step %d log-probability of token %d", c, step, id)
                            .isCloseTo(e.get(1).asDouble(), within(F32_TOLERANCE));
                }
            }
            System.out.printf("%s: max |log-probability difference| from float32 llama.cpp %.2e%n", c, maxDiff);
        }
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void greedyContinuationIsLlamaCpps(Case c) throws Exception {
        try (Engine engine = Engine.load(Fixtures.model(c.model() + ".gguf"),
                Engine.Options.defaults().withThreads(2))) {
            int[] greedy = c.greedyIds();
            GenerationResult r = engine.generate(GenerationRequest.of(c.prompt()).withMaxTokens(greedy.length)
                    .withSpecialTokens(true, false)).stream(text -> { });
            int exact = 0;
            while (exact < greedy.length && c.margin(exact) >= 2 * c.tolerance()) exact++;
            assertThat(Arrays.copyOf(r.tokens(), exact)).as("%s, first %d tokens", c, exact)
                    .containsExactly(Arrays.copyOf(greedy, exact));
            if (exact == greedy.length) {
                assertThat(r.text()).as(c.toString()).isEqualTo(c.json().get("greedy_text").asText());
            }
        }
    }

    static double[] logSoftmax(float[] logits, int offset, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, logits[offset + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(logits[offset + i] - max);
        double logSum = max + Math.log(sum);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = logits[offset + i] - logSum;
        return out;
    }

    /** The ids of the {@code k} largest values, largest first (ties: lower id first). */
    static int[] topK(double[] values, int k) {
        return java.util.stream.IntStream.range(0, values.length).boxed()
                .sorted((a, b) -> values[a] != values[b] ? Double.compare(values[b], values[a]) : Integer.compare(a, b))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }
}
