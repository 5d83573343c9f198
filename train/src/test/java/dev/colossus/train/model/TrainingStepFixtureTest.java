package dev.colossus.train.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.train.optim.AdamW;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loss, gradients and one AdamW update of {@code rand-llama-v512-F32.gguf} against the float64 PyTorch reference in
 * {@code fixtures/training}.
 */
class TrainingStepFixtureTest {
    private static final double TOLERANCE = 1e-4;
    private static JsonNode step;
    private static Path dir;
    private static int[] inputs;
    private static int[] targets;

    @BeforeAll
    static void load() throws IOException {
        dir = FixtureFiles.require("training");
        FixtureFiles.require("models/rand-llama-v512-F32.gguf");
        step = new ObjectMapper().readTree(dir.resolve("step.json").toFile());
        inputs = flatten(step.get("inputs"));
        targets = flatten(step.get("targets"));
    }

    private static int[] flatten(JsonNode rows) {
        int[] out = new int[rows.size() * rows.get(0).size()];
        int i = 0;
        for (JsonNode row : rows) for (JsonNode v : row) out[i++] = v.asInt();
        return out;
    }

    private static Parameters model() throws IOException {
        try (GgufFile gguf = GgufFile.open(dir.resolve("../models/rand-llama-v512-F32.gguf"))) {
            return Parameters.fromGguf(gguf);
        }
    }

    @Test
    void lossAndGradientsMatchTheFloat64Reference() throws IOException {
        Parameters params = model();
        Parameters grads = Parameters.zerosLike(params);
        try (LlamaTrainingModel model = new LlamaTrainingModel(params.shape(), 2)) {
            float loss = model.forwardBackward(inputs, targets, 2, 32, params, grads);
            assertRelative("loss", loss, step.get("losses_steps_1_to_3_same_batch").get(0).asDouble());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = step.get("grad_l2_norm_step1").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double norm = Math.sqrt(grads.tensor(e.getKey()).squaredNorm());
            assertRelative("gradient norm of " + e.getKey(), norm, e.getValue().asDouble());
        }
        for (String name : new String[]{"output_norm.weight", "blk.1.ffn_norm.weight", "blk.0.attn_k.weight",
                "token_embd.weight"}) {
            assertClose("gradient of " + name, grads.data(name), FixtureFiles.floats(dir.resolve("grad0." + name + ".f32")));
        }
    }

    @Test
    void adamWStepAndTwoMoreStepsMatchTheReference() throws IOException {
        Parameters params = model();
        Parameters grads = Parameters.zerosLike(params);
        JsonNode opt = step.get("optimizer");
        AdamW adam = new AdamW(params, new AdamW.Settings((float) opt.get("beta1").asDouble(),
                (float) opt.get("beta2").asDouble(), (float) opt.get("eps").asDouble(),
                (float) opt.get("weight_decay").asDouble()));
        float lr = (float) opt.get("lr").asDouble();
        JsonNode losses = step.get("losses_steps_1_to_3_same_batch");
        try (LlamaTrainingModel model = new LlamaTrainingModel(params.shape(), 2)) {
            for (int s = 0; s < 3; s++) {
                grads.zero();
                float loss = model.forwardBackward(inputs, targets, 2, 32, params, grads);
                assertRelative("loss before step " + (s + 1), loss, losses.get(s).asDouble());
                adam.step(params, grads, lr);
                if (s == 0) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = step.get("param_l2_norm_after_step1").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        assertRelative("norm of " + e.getKey() + " after step 1",
                                Math.sqrt(params.tensor(e.getKey()).squaredNorm()), e.getValue().asDouble());
                    }
                    for (String name : new String[]{"output_norm.weight", "blk.0.attn_k.weight"}) {
                        assertClose(name + " after step 1", params.data(name),
                                FixtureFiles.floats(dir.resolve("param1." + name + ".f32")));
                    }
                }
            }
        }
        assertThat(adam.stepCount()).isEqualTo(3);
    }

    private static void assertRelative(String what, double actual, double expected) {
        assertThat(Math.abs(actual - expected) / Math.abs(expected))
                .as("%s: %s vs reference %s", what, actual, expected).isLessThan(TOLERANCE);
    }

    /** The difference's L2 norm relative to the reference's. */
    private static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        double diff = 0, ref = 0;
        for (int i = 0; i < actual.length; i++) {
            diff += Math.pow(actual[i] - expected[i], 2);
            ref += Math.pow(expected[i], 2);
        }
        assertThat(Math.sqrt(diff / ref)).as("%s: relative L2 error", what).isLessThan(TOLERANCE);
    }
}
