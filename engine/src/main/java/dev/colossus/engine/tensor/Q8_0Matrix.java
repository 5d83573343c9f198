package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

/**
 * Q8_0: blocks of 32 weights, each an F16 scale {@code d} followed by 32 signed bytes {@code q}; weight = d·q.
 * <p>Activations are rounded to Q8_0 blocks first, as llama.cpp's CPU backend does; the rounded values (an 8-bit
 * integer times an F16 scale) are exact in float, so products differ from llama.cpp's integer block sums only by
 * float summation order.
 * <p>Thread safety: immutable.
 */
final class Q8_0Matrix extends BlockQuantizedMatrix {
    private static final int BLOCK = 32;
    private static final int BLOCK_BYTES = 34;

    Q8_0Matrix(MemorySegment data, int rows, int cols) {
        super(GgmlType.Q8_0, data, rows, cols);
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_0;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        byte[] q = rowCopy(row);
        for (int b = 0; b < cols / BLOCK; b++) {
            int block = b * BLOCK_BYTES;
            float d = f16(q, block);
            for (int j = 0; j < BLOCK; j += L) toFloat(bytes(q, block + 2 + j)).mul(d).intoArray(out, offset + b * BLOCK + j);
        }
    }

    @Override
    public float dot(int row, float[] x, int offset) {
        long base = row * rowBytes;
        FloatVector acc = FloatVector.zero(FQ);
        int xi = offset;
        for (int b = 0; b < cols / BLOCK; b++, xi += BLOCK) {
            long block = base + (long) b * BLOCK_BYTES;
            FloatVector blockSum = FloatVector.zero(FQ);
            for (int j = 0; j < BLOCK; j += L) {
                blockSum = toFloat(bytes(block + 2 + j)).fma(FloatVector.fromArray(FQ, x, xi + j), blockSum);
            }
            acc = blockSum.fma(FloatVector.broadcast(FQ, f16(block)), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
