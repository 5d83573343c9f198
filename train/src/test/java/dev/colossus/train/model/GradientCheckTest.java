package dev.colossus.train.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytic gradients of {@link LlamaTrainingModel} against central finite differences of its loss, on a tiny
 * model with weights large enough that every layer matters (float32 differences with step 1e-2: truncation and
 * rounding errors stay near 1e-4 of the loss's scale).
 */
class GradientCheckTest {
    private static final int BATCH = 2;
    private static final int SEQ = 7;

    private static Parameters randomParameters(LlamaShape shape, long seed) {
        Parameters p = Parameters.initialize(shape, seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (Parameters.Tensor t : p.tensors()) {
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = t.isMatrix() ? (float) (random.nextGaussian() * 0.4) : (float) (1 + random.nextGaussian() * 0.2);
            }
        }
        return p;
    }

    private static int[] tokens(LlamaShape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] t = new int[BATCH * SEQ];
        for (int i = 0; i < t.length; i++) t[i] = random.nextInt(shape.vocab());
        return t;
    }

    @ParameterizedTest(name = "tied embeddings: {0}")
    @ValueSource(booleans = {false, true})
    void analyticGradientsMatchCentralDifferencesForEveryTensor(boolean tied) {
        LlamaShape shape = new LlamaShape(13, 16, 2, 4, 2, 24, 8, 1e-5f, 10000f, tied);
        Parameters params = randomParameters(shape, 3);
        int[] inputs = tokens(shape, 4);
        int[] targets = tokens(shape, 5);
        targets[2] = LlamaTrainingModel.IGNORE;
        targets[SEQ + 4] = LlamaTrainingModel.IGNORE;
        Parameters grads = Parameters.zerosLike(params);
        try (LlamaTrainingModel model = new LlamaTrainingModel(shape, 2)) {
            model.forwardBackward(inputs, targets, BATCH, SEQ, params, grads);
            SplittableRandom pick = new SplittableRandom(6);
            for (Parameters.Tensor t : params.tensors()) {
                float[] g = grads.data(t.name());
                int largest = 0;
                for (int i = 1; i < g.length; i++) if (Math.abs(g[i]) > Math.abs(g[largest])) largest = i;
                int[] entries = {largest, pick.nextInt(g.length), pick.nextInt(g.length)};
                for (int i : entries) {
                    double numeric = centralDifference(model, params, t.data(), i, inputs, targets);
                    assertThat(Math.abs(numeric - g[i]))
                            .as("%s[%d]: analytic %s, numeric %s", t.name(), i, g[i], numeric)
                            .isLessThan(2e-3 + 2e-2 * Math.abs(numeric));
                }
                assertThat(Math.abs(g[largest])).as("%s has a gradient", t.name()).isGreaterThan(1e-3f);
            }
        }
    }

    private static double centralDifference(LlamaTrainingModel model, Parameters params, float[] data, int i,
                                            int[] inputs, int[] targets) {
        float h = 1e-2f;
        float saved = data[i];
        data[i] = saved + h;
        double plus = model.evaluate(inputs, targets, BATCH, SEQ, params);
        data[i] = saved - h;
        double minus = model.evaluate(inputs, targets, BATCH, SEQ, params);
        data[i] = saved;
        return (plus - minus) / (2 * h);
    }

    @Test
    void ignoredTargetsDoNotChangeTheLossOrTheGradients() {
        LlamaShape shape = new LlamaShape(13, 16, 1, 4, 4, 24, 8, 1e-5f, 10000f, false);
        Parameters params = randomParameters(shape, 8);
        int[] inputs = tokens(shape, 9);
        int[] targets = tokens(shape, 10);
        targets[3] = LlamaTrainingModel.IGNORE;
        int[] other = targets.clone();
        other[3] = LlamaTrainingModel.IGNORE;
        try (LlamaTrainingModel model = new LlamaTrainingModel(shape, 2)) {
            Parameters g1 = Parameters.zerosLike(params), g2 = Parameters.zerosLike(params);
            float l1 = model.forwardBackward(inputs, targets, BATCH, SEQ, params, g1);
            float l2 = model.forwardBackward(inputs, other, BATCH, SEQ, params, g2);
            assertThat(l2).isEqualTo(l1);
            // the mean runs over the 13 remaining targets: each one's share is 1/13 of the total
            double sum = 0;
            for (int pos = 0; pos < targets.length; pos++) {
                if (targets[pos] == LlamaTrainingModel.IGNORE) continue;
                int[] only = new int[targets.length];
                java.util.Arrays.fill(only, LlamaTrainingModel.IGNORE);
                only[pos] = targets[pos];
                sum += model.evaluate(inputs, only, BATCH, SEQ, params);
            }
            assertThat(l1).isCloseTo((float) (sum / (targets.length - 1)), org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void gradientsAccumulateAcrossCalls() {
        LlamaShape shape = new LlamaShape(13, 16, 1, 4, 1, 24, 8, 1e-5f, 10000f, true);
        Parameters params = randomParameters(shape, 11);
        int[] inputs = tokens(shape, 12), targets = tokens(shape, 13);
        try (LlamaTrainingModel model = new LlamaTrainingModel(shape, 1)) {
            Parameters once = Parameters.zerosLike(params), twice = Parameters.zerosLike(params);
            model.forwardBackward(inputs, targets, BATCH, SEQ, params, once);
            model.forwardBackward(inputs, targets, BATCH, SEQ, params, twice);
            model.forwardBackward(inputs, targets, BATCH, SEQ, params, twice);
            for (Parameters.Tensor t : once.tensors()) {
                float[] a = t.data(), b = twice.data(t.name());
                for (int i = 0; i < a.length; i++) assertThat(b[i]).isCloseTo(2 * a[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void aShareOfALargerBatchIsScaledByTheWholeBatchsTargets() {
        LlamaShape shape = new LlamaShape(13, 16, 2, 4, 2, 24, 8, 1e-5f, 10000f, false);
        Parameters params = randomParameters(shape, 14);
        int[] inputs = tokens(shape, 15), targets = tokens(shape, 16);
        targets[1] = LlamaTrainingModel.IGNORE;
        int kept = targets.length - 1;
        try (LlamaTrainingModel model = new LlamaTrainingModel(shape, 2)) {
            Parameters alone = Parameters.zerosLike(params), share = Parameters.zerosLike(params);
            float mean = model.forwardBackward(inputs, targets, BATCH, SEQ, params, alone);
            LlamaWeights weights = LlamaWeights.of(params, share);
            // a quarter of a batch of 4 × kept targets: a power of two, so the scaling is exact to the bit
            float part = model.forwardBackward(inputs, targets, BATCH, SEQ, weights, 4 * kept, GradientsReady.NONE);
            assertThat(part).isEqualTo(mean / 4);
            for (Parameters.Tensor t : alone.tensors()) {
                float[] a = t.data(), b = share.data(t.name());
                for (int i = 0; i < a.length; i++) assertThat(b[i]).as("%s[%d]", t.name(), i).isEqualTo(a[i] / 4);
            }
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> model.forwardBackward(inputs, targets,
                    BATCH, SEQ, weights, kept - 1, GradientsReady.NONE)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be fewer");
        }
    }
}
