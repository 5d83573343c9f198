package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WeightMatricesTest {
    private static final ValueLayout.OfShort S = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A tensor of random weights and the weights it encodes, decoded independently of the kernels. */
    record Encoded(GgufTensor tensor, float[] expected) {
    }

    static Encoded encode(GgmlType type, int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        float[] expected = new float[values.length];
        MemorySegment seg = Arena.ofAuto().allocate(type.bytesFor(values.length), 64);
        switch (type) {
            case F32 -> {
                for (int i = 0; i < values.length; i++) {
                    seg.set(F, 4L * i, values[i]);
                    expected[i] = values[i];
                }
            }
            case F16 -> {
                for (int i = 0; i < values.length; i++) {
                    short h = Float.floatToFloat16(values[i] * (i % 7 == 0 ? 1e-6f : 1f)); // include subnormals
                    seg.set(S, 2L * i, h);
                    expected[i] = Float.float16ToFloat(h);
                }
            }
            case BF16 -> {
                for (int i = 0; i < values.length; i++) {
                    short h = (short) (Float.floatToIntBits(values[i]) >>> 16);
                    seg.set(S, 2L * i, h);
                    expected[i] = Float.intBitsToFloat((h & 0xffff) << 16);
                }
            }
            case Q8_0 -> {
                for (int b = 0; b < values.length / 32; b++) {
                    float amax = 0;
                    for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(values[b * 32 + j]));
                    short dh = Float.floatToFloat16(amax / 127f);
                    float d = Float.float16ToFloat(dh);
                    long off = 34L * b;
                    seg.set(S, off, dh);
                    for (int j = 0; j < 32; j++) {
                        byte q = (byte) Math.max(-127, Math.min(127, Math.round(values[b * 32 + j] / d)));
                        seg.set(ValueLayout.JAVA_BYTE, off + 2 + j, q);
                        expected[b * 32 + j] = d * q;
                    }
                }
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
        return new Encoded(new GgufTensor("w", new long[]{cols, rows}, type, 0, seg), expected);
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q8_0"})
    void dequantizedRowsEqualIndependentlyDecodedWeights(GgmlType type) {
        Encoded e = encode(type, 5, 96, 1);
        WeightMatrix w = WeightMatrices.of(e.tensor());
        assertThat(w.rows()).isEqualTo(5);
        assertThat(w.cols()).isEqualTo(96);
        float[] row = new float[96 + 3];
        for (int r = 0; r < 5; r++) {
            w.dequantizeRow(r, row, 3);
            for (int c = 0; c < 96; c++) assertThat(row[3 + c]).as("row %d col %d", r, c).isEqualTo(e.expected()[r * 96 + c]);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q8_0"})
    void dotEqualsDoublePrecisionProduct(GgmlType type) {
        int rows = 7, cols = 160 + (type == GgmlType.Q8_0 ? 0 : 7); // odd length exercises the scalar tail
        Encoded e = encode(type, rows, cols, 2);
        WeightMatrix w = WeightMatrices.of(e.tensor());
        float[] x = gaussian(cols, 3);
        for (int r = 0; r < rows; r++) {
            double ref = 0;
            for (int c = 0; c < cols; c++) ref += (double) e.expected()[r * cols + c] * x[c];
            assertThat(w.dot(r, x, 0)).isCloseTo((float) ref, within(1e-4f * (float) Math.sqrt(cols)));
        }
    }

    /**
     * matvec/matmul convert the activations like llama.cpp (F16/BF16: rounded to the weight type; Q8_0: quantized
     * to Q8_0 blocks), computed here independently; a vector in a batch gets the same value as alone, up to
     * summation rounding.
     */
    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q8_0"})
    void matvecAndParallelMatmulEqualProductsWithConvertedActivations(GgmlType type) {
        int rows = 37, cols = 160 + (type == GgmlType.Q8_0 ? 0 : 7);
        Encoded e = encode(type, rows, cols, 4);
        WeightMatrix w = WeightMatrices.of(e.tensor());
        int n = 6; // a tile of four vectors and two more
        float[] x = gaussian(n * cols, 5);
        float[] single = new float[rows];
        w.matvec(x, single, 0, rows);
        float[] batched = new float[n * rows];
        try (Parallel pool = new Parallel(3)) {
            pool.matmul(w, x, n, batched);
        }
        for (int b = 0; b < n; b++) {
            double[] xc = convertedActivations(type, x, b * cols, cols);
            for (int r = 0; r < rows; r++) {
                double ref = 0;
                for (int c = 0; c < cols; c++) ref += e.expected()[r * cols + c] * xc[c];
                assertThat(batched[b * rows + r]).as("vector %d row %d", b, r)
                        .isCloseTo((float) ref, within(1e-4f * (float) Math.sqrt(cols)));
            }
        }
        for (int r = 0; r < rows; r++) assertThat(single[r]).isCloseTo(batched[r], within(1e-5f * Math.abs(batched[r]) + 1e-5f));
    }

    private static double[] convertedActivations(GgmlType type, float[] x, int offset, int cols) {
        double[] out = new double[cols];
        for (int c = 0; c < cols; c++) {
            float v = x[offset + c];
            out[c] = switch (type) {
                case F16 -> Float.float16ToFloat(Float.floatToFloat16(v));
                case BF16 -> bf16(v);
                default -> v;
            };
        }
        if (type == GgmlType.Q8_0) {
            for (int blk = 0; blk < cols / 32; blk++) {
                double amax = 0;
                for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(out[blk * 32 + j]));
                double d = Float.float16ToFloat(Float.floatToFloat16((float) (amax / 127)));
                for (int j = 0; j < 32; j++) {
                    out[blk * 32 + j] = d * Math.rint((float) (x[offset + blk * 32 + j] * (float) (127 / amax)));
                }
            }
        }
        return out;
    }

    /** The nearer of the two neighbouring BF16 values (ties to even), chosen by comparing distances. */
    private static float bf16(float v) {
        float down = Float.intBitsToFloat(Float.floatToIntBits(v) & 0xffff0000);
        float up = Float.intBitsToFloat((Float.floatToIntBits(v) & 0xffff0000) + 0x10000);
        double dd = Math.abs((double) v - down), du = Math.abs((double) up - v);
        if (dd < du) return down;
        if (du < dd) return up;
        return (Float.floatToIntBits(down) & 0x10000) == 0 ? down : up;
    }

    private static float[] gaussian(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) random.nextGaussian();
        return x;
    }

    @Test
    void unsupportedTypeIsRejectedWithTheSupportedList() {
        GgufTensor t = new GgufTensor("blk.0.attn_q.weight", new long[]{32, 2}, GgmlType.Q5_1, 0,
                Arena.ofAuto().allocate(48));
        assertThatThrownBy(() -> WeightMatrices.of(t))
                .isInstanceOf(UnsupportedTensorTypeException.class)
                .hasMessageContaining("blk.0.attn_q.weight").hasMessageContaining("Q5_1")
                .hasMessageContaining("supported: ").hasMessageContaining("Q8_0");
    }

    @Test
    void poolCoversEveryItemOnceWhateverTheCount() {
        try (Parallel pool = new Parallel(4)) {
            for (int count : new int[]{0, 1, 3, 4, 5, 1000}) {
                int[] hits = new int[count];
                pool.forRange(count, (worker, start, end) -> {
                    for (int i = start; i < end; i++) hits[i]++;
                });
                for (int h : hits) assertThat(h).isEqualTo(1);
            }
        }
    }

    @Test
    void poolPropagatesAWorkerFailure() {
        try (Parallel pool = new Parallel(2)) {
            assertThatThrownBy(() -> pool.forRange(10, (worker, start, end) -> {
                if (start <= 7 && 7 < end) throw new IllegalStateException("boom");
            })).hasMessage("boom");
            int[] ok = new int[1];
            pool.forRange(1, (w, s, e) -> ok[0]++);
            assertThat(ok[0]).isEqualTo(1);
        }
    }
}
