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
    void dotMatvecAndMatmulEqualDoublePrecisionProducts(GgmlType type) {
        int rows = 37, cols = 160 + (type == GgmlType.Q8_0 ? 0 : 7); // odd length exercises the scalar tail
        Encoded e = encode(type, rows, cols, 2);
        WeightMatrix w = WeightMatrices.of(e.tensor());
        int n = 3;
        Random random = new Random(3);
        float[] x = new float[n * cols];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
        float[] single = new float[rows];
        w.matvec(x, single, 0, rows);
        float[] batched = new float[n * rows];
        try (Parallel pool = new Parallel(3)) {
            pool.matmul(w, x, n, batched);
        }
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < rows; r++) {
                double ref = 0;
                for (int c = 0; c < cols; c++) ref += (double) e.expected()[r * cols + c] * x[b * cols + c];
                assertThat(w.dot(r, x, b * cols)).isCloseTo((float) ref, within(1e-4f * (float) Math.sqrt(cols)));
                assertThat(batched[b * rows + r]).isEqualTo(w.dot(r, x, b * cols));
            }
        }
        for (int r = 0; r < rows; r++) assertThat(single[r]).isEqualTo(batched[r]);
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
                if (worker == 1) throw new IllegalStateException("boom");
            })).hasMessage("boom");
            int[] ok = new int[1];
            pool.forRange(1, (w, s, e) -> ok[0]++);
            assertThat(ok[0]).isEqualTo(1);
        }
    }
}
