package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * GGML Q4_K: super-blocks of 256 weights in 144 bytes: F16 {@code d}, F16 {@code dmin}, 12 bytes packing eight
 * 6-bit scales and eight 6-bit mins, then 128 bytes of 4-bit values. Sub-block {@code s} (32 weights) decodes as
 * {@code d * scale[s] * q - dmin * min[s]}; each run of 64 weights takes 32 bytes, the first 32 weights from the
 * low nibbles and the next 32 from the high nibbles.
 * <p>Thread safety: immutable.
 */
final class Q4_KMatrix extends BlockQuantizedMatrix {
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, FQ.vectorShape());
    private static final int BLOCK_BYTES = 144;

    Q4_KMatrix(MemorySegment data, int rows, int cols) {
        super(GgmlType.Q4_K, data, rows, cols);
    }

    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<float[]> SCALES = ThreadLocal.withInitial(() -> new float[16]);

    /**
     * The block's eight sub-block scales times {@code d} into {@code out[0..8)} and its eight mins times
     * {@code -dmin} into {@code out[8..16)}: twelve bytes pack them as 6-bit values, the low six bits in the first
     * eight bytes and the high two bits of the last four of each kind spread over them. Read as three ints, split
     * in registers (per-byte segment reads cost more than decoding the weights).
     */
    private void scales(long bo, float[] out) {
        float d = f16(bo), dmin = f16(bo + 2);
        int w0 = data.get(INT_LE, bo + 4), w1 = data.get(INT_LE, bo + 8), w2 = data.get(INT_LE, bo + 12);
        for (int j = 0; j < 4; j++) {
            int s = (w0 >>> 8 * j) & 0xFF, m = (w1 >>> 8 * j) & 0xFF, hi = (w2 >>> 8 * j) & 0xFF;
            out[j] = d * (s & 63);
            out[8 + j] = -dmin * (m & 63);
            out[4 + j] = d * ((hi & 0xF) | (s >> 6) << 4);
            out[12 + j] = -dmin * ((hi >> 4) | (m >> 6) << 4);
        }
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_K;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        float[] sm = SCALES.get();
        long base = row * rowBytes;
        for (int b = 0; b < cols / 256; b++) {
            long bo = base + (long) b * BLOCK_BYTES;
            scales(bo, sm);
            for (int c = 0; c < 4; c++) {
                int o = offset + b * 256 + c * 64;
                FloatVector d1 = FloatVector.broadcast(FQ, sm[2 * c]);
                FloatVector m1 = FloatVector.broadcast(FQ, sm[8 + 2 * c]);
                FloatVector d2 = FloatVector.broadcast(FQ, sm[2 * c + 1]);
                FloatVector m2 = FloatVector.broadcast(FQ, sm[8 + 2 * c + 1]);
                for (int p = 0; p < 32; p += L) {
                    // nibbles split in int lanes: x86 has no byte shifts
                    IntVector q = (IntVector) bytes(bo + 16 + 32 * c + p).convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
                    ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).fma(d1, m1).intoArray(out, o + p);
                    ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(d2, m2)
                            .intoArray(out, o + 32 + p);
                }
            }
        }
    }

    @Override
    public float dot(int row, float[] x, int offset) {
        float[] sm = SCALES.get();
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(FQ);
        for (int b = 0; b < cols / 256; b++) {
            long bo = base + (long) b * BLOCK_BYTES;
            scales(bo, sm);
            for (int c = 0; c < 4; c++) {
                int o = offset + b * 256 + c * 64;
                FloatVector d1 = FloatVector.broadcast(FQ, sm[2 * c]);
                FloatVector m1 = FloatVector.broadcast(FQ, sm[8 + 2 * c]);
                FloatVector d2 = FloatVector.broadcast(FQ, sm[2 * c + 1]);
                FloatVector m2 = FloatVector.broadcast(FQ, sm[8 + 2 * c + 1]);
                for (int p = 0; p < 32; p += L) {
                    IntVector q = (IntVector) bytes(bo + 16 + 32 * c + p).convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
                    FloatVector w1 = ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).fma(d1, m1);
                    FloatVector w2 = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0))
                            .fma(d2, m2);
                    acc = w1.fma(FloatVector.fromArray(FQ, x, o + p), acc);
                    acc = w2.fma(FloatVector.fromArray(FQ, x, o + 32 + p), acc);
                }
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
