package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * GGML Q6_K: super-blocks of 256 weights in 210 bytes: 128 bytes {@code ql} (low 4 bits), 64 bytes {@code qh}
 * (high 2 bits), 16 int8 scales (one per 16 weights), then an F16 {@code d}; a weight is
 * {@code d * scale * (q - 32)}. Each half of 128 weights uses 64 bytes of {@code ql} and 32 of {@code qh}: weight
 * {@code l} (l &lt; 32) takes the low nibble of {@code ql[l]} and bits 0-1 of {@code qh[l]}, weight {@code l + 32}
 * the low nibble of {@code ql[l + 32]} and bits 2-3, weight {@code l + 64} the high nibble of {@code ql[l]} and bits
 * 4-5, weight {@code l + 96} the high nibble of {@code ql[l + 32]} and bits 6-7.
 * <p>Thread safety: immutable.
 */
final class Q6_KMatrix extends BlockQuantizedMatrix {
    private static final int BLOCK_BYTES = 210;

    Q6_KMatrix(MemorySegment data, int rows, int cols) {
        super(GgmlType.Q6_K, data, rows, cols);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        for (int b = 0; b < cols / 256; b++) {
            long bo = base + (long) b * BLOCK_BYTES;
            float d = f16(bo + 208);
            for (int half = 0; half < 2; half++) {
                long ql = bo + 64L * half;
                long qh = bo + 128 + 32L * half;
                long sc = bo + 192 + 8L * half;
                int col = offset + b * 256 + 128 * half;
                for (int l = 0; l < 32; l += L) {
                    int is = l / 16;
                    ByteVector a = bytes(ql + l);
                    ByteVector c = bytes(ql + 32 + l);
                    ByteVector h = bytes(qh + l);
                    ByteVector q1 = a.lanewise(VectorOperators.AND, (byte) 0xF)
                            .or(h.lanewise(VectorOperators.AND, (byte) 3).lanewise(VectorOperators.LSHL, 4));
                    ByteVector q2 = c.lanewise(VectorOperators.AND, (byte) 0xF)
                            .or(h.lanewise(VectorOperators.LSHR, 2).lanewise(VectorOperators.AND, (byte) 3)
                                    .lanewise(VectorOperators.LSHL, 4));
                    ByteVector q3 = a.lanewise(VectorOperators.LSHR, 4)
                            .or(h.lanewise(VectorOperators.LSHR, 4).lanewise(VectorOperators.AND, (byte) 3)
                                    .lanewise(VectorOperators.LSHL, 4));
                    ByteVector q4 = c.lanewise(VectorOperators.LSHR, 4)
                            .or(h.lanewise(VectorOperators.LSHR, 6).lanewise(VectorOperators.LSHL, 4));
                    // the 6-bit values are 0..63, weights (q - 32) * d * scale: the -32 as an FMA term
                    weights(q1, d * scale(sc, is)).intoArray(out, col + l);
                    weights(q2, d * scale(sc, is + 2)).intoArray(out, col + 32 + l);
                    weights(q3, d * scale(sc, is + 4)).intoArray(out, col + 64 + l);
                    weights(q4, d * scale(sc, is + 6)).intoArray(out, col + 96 + l);
                }
            }
        }
    }

    /** {@code (q - 32) * s} for 6-bit values {@code q}. */
    private static FloatVector weights(ByteVector q, float s) {
        return toFloat(q).fma(FloatVector.broadcast(FQ, s), FloatVector.broadcast(FQ, -32 * s));
    }

    private float scale(long sc, int i) {
        return data.get(ValueLayout.JAVA_BYTE, sc + i);
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_K;
    }

    /**
     * The row decoded into a per-thread buffer, then a plain dot product: decoding and multiplying in one pass would
     * pass vectors through a callback, which the JIT does not keep in registers (every vector became an object).
     */
    @Override
    public float dot(int row, float[] x, int offset) {
        float[] w = scratch(1, cols);
        dequantizeRow(row, w, 0);
        return VectorMath.dot(w, 0, x, offset, cols);
    }
}
