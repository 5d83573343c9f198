package dev.colossus.engine.tensor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VectorMathTest {

    /** Lengths that use the four-vector blocks, single vectors and the scalar tail, alone and together. */
    @ParameterizedTest
    @ValueSource(ints = {3, 16, 64, 83, 128, 147})
    void weightedSumOfStridedRowsEqualsTheDirectSum(int n) {
        Random random = new Random(n);
        int count = 37, stride = n + 11, vo = 5, oo = 2;
        float[] w = new float[count + 3];
        float[] v = new float[vo + count * stride];
        for (int i = 0; i < w.length; i++) w[i] = (float) random.nextGaussian();
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
        float[] out = new float[oo + n + 1];
        out[oo + n] = 42f;
        VectorMath.weightedSum(w, 3, count, v, vo, stride, n, out, oo);
        for (int i = 0; i < n; i++) {
            double expected = 0;
            for (int t = 0; t < count; t++) expected += (double) w[3 + t] * v[vo + t * stride + i];
            assertThat((double) out[oo + i]).as("element %d", i).isCloseTo(expected, within(1e-4));
        }
        assertThat(out[oo + n]).as("past the end").isEqualTo(42f);
        assertThat(out[0]).as("before the start").isZero();
    }
}
