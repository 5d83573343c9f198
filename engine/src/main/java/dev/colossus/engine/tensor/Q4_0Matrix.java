package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

/**
 * GGML Q4_0: blocks of 32 weights in 18 bytes, an F16 scale {@code d} then 16 bytes of 4-bit values; weight
 * {@code j} is the low nibble of byte {@code j} and weight {@code j + 16} its high nibble, each {@code (q - 8) * d}.
 * <p>Thread safety: immutable.
 */
final class Q4_0Matrix extends BlockQuantizedMatrix {
    private static final int BLOCK_BYTES = 18;

    Q4_0Matrix(MemorySegment data, int rows, int cols) {
        super(GgmlType.Q4_0, data, rows, cols);
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_0;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        for (int b = 0; b < cols / 32; b++) {
            long bo = base + (long) b * BLOCK_BYTES;
            float d = f16(bo);
            int o = offset + b * 32;
            for (int p = 0; p < 16; p += L) {
                ByteVector q = bytes(bo + 2 + p);
                toFloat(q.lanewise(VectorOperators.AND, (byte) 0xF).sub((byte) 8)).mul(d).intoArray(out, o + p);
                toFloat(q.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).mul(d).intoArray(out, o + 16 + p);
            }
        }
    }

    @Override
    public float dot(int row, float[] x, int offset) {
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(FQ);
        for (int b = 0; b < cols / 32; b++) {
            long bo = base + (long) b * BLOCK_BYTES;
            int o = offset + b * 32;
            FloatVector sum = FloatVector.zero(FQ);
            for (int p = 0; p < 16; p += L) {
                ByteVector q = bytes(bo + 2 + p);
                FloatVector lo = toFloat(q.lanewise(VectorOperators.AND, (byte) 0xF).sub((byte) 8));
                FloatVector hi = toFloat(q.lanewise(VectorOperators.LSHR, 4).sub((byte) 8));
                sum = lo.fma(FloatVector.fromArray(FQ, x, o + p), sum);
                sum = hi.fma(FloatVector.fromArray(FQ, x, o + 16 + p), sum);
            }
            acc = sum.fma(FloatVector.broadcast(FQ, f16(bo)), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
