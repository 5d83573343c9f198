package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * GGML Q4_K: super-blocks of 256 weights in 144 bytes: F16 {@code d}, F16 {@code dmin}, 12 bytes packing eight
 * 6-bit scales and eight 6-bit mins, then 128 bytes of 4-bit values. Sub-block {@code s} (32 weights) decodes as
 * {@code d * scale[s] * q - dmin * min[s]}; each run of 64 weights takes 32 bytes, the first 32 weights from the
 * low nibbles and the next 32 from the high nibbles.
 * <p>Thread safety: immutable.
 */
final class Q4_KMatrix extends BlockQuantizedMatrix {
    private static final int BLOCK_BYTES = 144;

    Q4_KMatrix(MemorySegment data, int rows, int cols) {
        super(GgmlType.Q4_K, data, rows, cols);
    }

    /** Fills {@code scale[0..8)} with {@code d * sc} and {@code min[0..8)} with {@code dmin * m} of a block. */
    private void scales(long bo, float[] scale, float[] min) {
        float d = f16(bo);
        float dmin = f16(bo + 2);
        long q = bo + 4;
        for (int j = 0; j < 8; j++) {
            int sc;
            int m;
            if (j < 4) {
                sc = data.get(ValueLayout.JAVA_BYTE, q + j) & 63;
                m = data.get(ValueLayout.JAVA_BYTE, q + j + 4) & 63;
            } else {
                int hiLo = data.get(ValueLayout.JAVA_BYTE, q + j + 4) & 0xFF;
                int up = data.get(ValueLayout.JAVA_BYTE, q + j - 4) & 0xFF;
                int upM = data.get(ValueLayout.JAVA_BYTE, q + j) & 0xFF;
                sc = (hiLo & 0xF) | (up >> 6) << 4;
                m = (hiLo >> 4) | (upM >> 6) << 4;
            }
            scale[j] = d * sc;
            min[j] = dmin * m;
        }
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_K;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        float[] scale = new float[8];
        float[] min = new float[8];
        long base = row * rowBytes;
        for (int b = 0; b < cols / 256; b++) {
            long bo = base + (long) b * BLOCK_BYTES;
            scales(bo, scale, min);
            for (int c = 0; c < 4; c++) {
                int o = offset + b * 256 + c * 64;
                FloatVector d1 = FloatVector.broadcast(FQ, scale[2 * c]);
                FloatVector m1 = FloatVector.broadcast(FQ, -min[2 * c]);
                FloatVector d2 = FloatVector.broadcast(FQ, scale[2 * c + 1]);
                FloatVector m2 = FloatVector.broadcast(FQ, -min[2 * c + 1]);
                for (int p = 0; p < 32; p += L) {
                    ByteVector q = bytes(bo + 16 + 32 * c + p);
                    toFloat(q.lanewise(VectorOperators.AND, (byte) 0xF)).fma(d1, m1).intoArray(out, o + p);
                    toFloat(q.lanewise(VectorOperators.LSHR, 4)).fma(d2, m2).intoArray(out, o + 32 + p);
                }
            }
        }
    }

    @Override
    public float dot(int row, float[] x, int offset) {
        float[] scale = new float[8];
        float[] min = new float[8];
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(FQ);
        for (int b = 0; b < cols / 256; b++) {
            long bo = base + (long) b * BLOCK_BYTES;
            scales(bo, scale, min);
            for (int c = 0; c < 4; c++) {
                int o = offset + b * 256 + c * 64;
                FloatVector d1 = FloatVector.broadcast(FQ, scale[2 * c]);
                FloatVector m1 = FloatVector.broadcast(FQ, -min[2 * c]);
                FloatVector d2 = FloatVector.broadcast(FQ, scale[2 * c + 1]);
                FloatVector m2 = FloatVector.broadcast(FQ, -min[2 * c + 1]);
                for (int p = 0; p < 32; p += L) {
                    ByteVector q = bytes(bo + 16 + 32 * c + p);
                    FloatVector w1 = toFloat(q.lanewise(VectorOperators.AND, (byte) 0xF)).fma(d1, m1);
                    FloatVector w2 = toFloat(q.lanewise(VectorOperators.LSHR, 4)).fma(d2, m2);
                    acc = w1.fma(FloatVector.fromArray(FQ, x, o + p), acc);
                    acc = w2.fma(FloatVector.fromArray(FQ, x, o + 32 + p), acc);
                }
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
