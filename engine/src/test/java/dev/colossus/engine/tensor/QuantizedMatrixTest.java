package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuantizedMatrixTest {

    private static short f16(float v) {
        return Float.floatToFloat16(v);
    }

    private static float[] dequantize(WeightMatrix m) {
        float[] all = new float[m.rows() * m.cols()];
        for (int r = 0; r < m.rows(); r++) m.dequantizeRow(r, all, r * m.cols());
        return all;
    }

    @Test
    void q4_0BlockDecodesLowNibblesFirstThenHighNibblesMinusEightTimesScale() {
        ByteBuffer block = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN).putShort(f16(0.5f));
        for (int j = 0; j < 16; j++) block.put((byte) (j | (15 - j) << 4));
        float[] w = dequantize(new Q4_0Matrix(MemorySegment.ofArray(block.array()), 1, 32, Arena.ofAuto()));
        for (int j = 0; j < 16; j++) {
            assertThat(w[j]).isEqualTo((j - 8) * 0.5f);
            assertThat(w[16 + j]).isEqualTo((7 - j) * 0.5f);
        }
    }

    @Test
    void q4_KBlockUnpacksSixBitScalesAndMinsIncludingTheirHighBits() {
        int[] sc = {1, 2, 3, 4, 63, 5, 6, 7};
        int[] m = {0, 1, 2, 3, 40, 4, 5, 6};
        // Hand-packed per the GGML layout: bytes 0-3 scales 0-3 (+ high bits of scales 4-7 in bits 6-7), 4-7 mins
        // 0-3 (+ high bits of mins 4-7), 8-11 low nibbles of scale and min 4-7.
        byte[] packed = {
                (byte) (1 | 3 << 6), 2, 3, 4,
                (byte) (0 | 2 << 6), 1, 2, 3,
                (byte) (0xF | 8 << 4), (byte) (5 | 4 << 4), (byte) (6 | 5 << 4), (byte) (7 | 6 << 4)};
        ByteBuffer block = ByteBuffer.allocate(144).order(ByteOrder.LITTLE_ENDIAN)
                .putShort(f16(0.25f)).putShort(f16(0.125f)).put(packed);
        for (int i = 0; i < 128; i++) block.put((byte) ((i % 16) | ((i * 7) % 16) << 4));
        float[] w = dequantize(new Q4_KMatrix(MemorySegment.ofArray(block.array()), 1, 256, Arena.ofAuto()));
        for (int e = 0; e < 256; e++) {
            int s = e / 32;
            int l = e % 32;
            int qsByte = 32 * (e / 64) + l;
            int q = s % 2 == 0 ? qsByte % 16 : (qsByte * 7) % 16;
            assertThat(w[e]).as("weight %d", e).isEqualTo(0.25f * sc[s] * q - 0.125f * m[s]);
        }
    }

    @Test
    void q6_KBlockCombinesFourLowAndTwoHighBitsWithSignedScales() {
        byte[] ql = new byte[128];
        byte[] qh = new byte[64];
        byte[] scales = new byte[16];
        for (int i = 0; i < 128; i++) ql[i] = (byte) (i * 13 + 5);
        for (int i = 0; i < 64; i++) qh[i] = (byte) (i * 37 + 11);
        for (int i = 0; i < 16; i++) scales[i] = (byte) (i * 9 - 70);
        ByteBuffer block = ByteBuffer.allocate(210).order(ByteOrder.LITTLE_ENDIAN)
                .put(ql).put(qh).put(scales).putShort(f16(0.25f));
        float[] w = dequantize(new Q6_KMatrix(MemorySegment.ofArray(block.array()), 1, 256, Arena.ofAuto()));
        for (int e = 0; e < 256; e++) {
            int half = e / 128;
            int k = (e % 128) / 32;
            int l = e % 32;
            int lowByte = ql[64 * half + l + (k % 2 == 1 ? 32 : 0)] & 0xFF;
            int low = k < 2 ? lowByte & 0xF : lowByte >> 4;
            int high = ((qh[32 * half + l] & 0xFF) >> (2 * k)) & 3;
            int q = (low | high << 4) - 32;
            assertThat(w[e]).as("weight %d", e).isEqualTo(0.25f * scales[e / 16] * q);
        }
    }

    /** A matrix of random blocks: random quant bits, scales small positive/negative normal F16 values. */
    static WeightMatrix randomMatrix(GgmlType type, int rows, int cols, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian() * (1 + i % 7);
        return matrix(type, MemorySegment.ofArray(Quantizer.quantize(type, values)), rows, cols);
    }

    static WeightMatrix matrix(GgmlType type, MemorySegment data, int rows, int cols) {
        return switch (type) {
            case Q8_0 -> new Q8_0Matrix(data, rows, cols, Arena.ofAuto());
            case Q4_0 -> new Q4_0Matrix(data, rows, cols, Arena.ofAuto());
            case Q4_K -> new Q4_KMatrix(data, rows, cols, Arena.ofAuto());
            case Q6_K -> new Q6_KMatrix(data, rows, cols, Arena.ofAuto());
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    /**
     * The activations as llama.cpp's CPU backend rounds them for this weight type: Q8_0 blocks of 32 (scale
     * amax/127 rounded to F16) for Q4_0 and Q8_0, Q8_K blocks of 256 (scale max/-127 in F32, values at most 127) for K-quants.
     */
    static float[] roundedActivations(GgmlType type, float[] x) {
        float[] out = new float[x.length];
        boolean q8_0 = type == GgmlType.Q4_0 || type == GgmlType.Q8_0;
        int block = q8_0 ? 32 : 256;
        for (int o = 0; o < x.length; o += block) {
            float amax = 0;
            float max = 0;
            for (int j = o; j < o + block; j++) {
                if (Math.abs(x[j]) > amax) {
                    amax = Math.abs(x[j]);
                    max = x[j];
                }
            }
            for (int j = o; j < o + block; j++) {
                if (q8_0) {
                    float d = Float.float16ToFloat(Float.floatToFloat16(amax / 127));
                    out[j] = (float) Math.rint(x[j] * (127 / amax)) * d;
                } else {
                    float iscale = -127f / max;
                    out[j] = Math.min(127, (float) Math.rint(iscale * x[j])) * (1 / iscale);
                }
            }
        }
        return out;
    }

    @Test
    void activationsAreRoundedToEightBitBlocksLikeLlamaCpp() {
        float[] x = new float[256];
        for (int i = 0; i < x.length; i++) x[i] = (i - 100) * 0.01f;
        float[] q8_0 = new float[256];
        Q8Activations.round(x, 256, q8_0);
        float[] q8_K = new float[256];
        Q8Activations.roundLikeQ8_K(x, 256, q8_K);
        // Block 0 spans -1.00..-0.69: scale 1/127 (F16-rounded), so -1 stays -1 (within F16 error) and -0.69 rounds.
        assertThat(q8_0[0]).isCloseTo(-1f, within(1e-3f));
        assertThat(q8_0).containsExactly(roundedActivations(GgmlType.Q4_0, x));
        // Q8_K: one block, largest magnitude 1.55 (i = 255) maps to -127 exactly.
        assertThat(q8_K[255]).isCloseTo(1.55f, within(1e-6f));
        assertThat(q8_K).containsExactly(roundedActivations(GgmlType.Q4_K, x));
        assertThat(q8_K[101]).isNotEqualTo(x[101]);
    }

    /**
     * Every type with 6 vectors (integer kernels) and 13 (float tiles of eight vectors and of one for Q4_0/Q8_0,
     * integer kernels for the K-quants).
     */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> typesAndBatches() {
        return java.util.stream.Stream.of(GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K)
                .flatMap(t -> java.util.stream.Stream.of(6, 13).map(n -> org.junit.jupiter.params.provider.Arguments.of(t, n)));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("typesAndBatches")
    void dotMatvecAndMatmulEqualDequantizeThenDot(GgmlType type, int n) {
        int rows = 45; // whole row groups (8, 16 or 32 rows) and part of another
        int cols = 512;
        WeightMatrix m = randomMatrix(type, rows, cols, 42);
        Random random = new Random(7);
        float[] x = new float[n * cols];
        for (int i = 0; i < x.length; i++) x[i] = (float) random.nextGaussian();
        float[] w = dequantize(m);
        float[] xr = roundedActivations(type, x);
        double[] exact = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) exact[r] += (double) w[r * cols + c] * x[cols + c];
        }
        double[] expected = new double[n * rows];
        double scale = 0;
        for (int b = 0; b < n; b++) {
            for (int r = 0; r < rows; r++) {
                double s = 0;
                double abs = 0;
                for (int c = 0; c < cols; c++) {
                    s += (double) w[r * cols + c] * xr[b * cols + c];
                    abs += Math.abs((double) w[r * cols + c] * x[b * cols + c]);
                }
                expected[b * rows + r] = s;
                scale = Math.max(scale, abs);
            }
        }
        double tolerance = scale * 1e-5;
        for (int r = 0; r < rows; r++) {
            // dot multiplies the activations as given; matvec and matmul round them first.
            assertThat((double) m.dot(r, x, cols)).isCloseTo(exact[r], within(tolerance));
        }
        float[] mv = new float[rows];
        m.matvec(x, mv, 2, rows - 1);
        assertThat(mv[0]).isZero();
        assertThat(mv[rows - 1]).isZero();
        for (int r = 2; r < rows - 1; r++) assertThat((double) mv[r]).isCloseTo(expected[r], within(tolerance));
        float[] mm = new float[n * rows];
        m.matmul(x, n, mm, 1, rows);
        for (int b = 0; b < n; b++) {
            assertThat(mm[b * rows]).isZero();
            for (int r = 1; r < rows; r++) {
                assertThat((double) mm[b * rows + r]).as("vector %d row %d", b, r)
                        .isCloseTo(expected[b * rows + r], within(tolerance));
            }
        }
    }
}
