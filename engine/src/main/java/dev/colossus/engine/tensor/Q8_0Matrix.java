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
    /** Below this many vectors (batched decode) a fused kernel beats dequantizing rows into a float tile. */
    private static final int FUSED_BELOW = 8;

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

    /**
     * Few vectors (the decode steps of a few concurrent sequences): each weight is decoded once into registers and
     * serves four vectors; more vectors go to the tiled product.
     */
    @Override
    public void matmulRounded(float[] xr, int n, float[] out, int rowStart, int rowEnd) {
        if (n == 1 || n >= FUSED_BELOW) {
            super.matmulRounded(xr, n, out, rowStart, rowEnd);
            return;
        }
        for (int r = rowStart; r < rowEnd; r++) {
            int b = 0;
            for (; b + 4 <= n; b += 4) dot4(r, xr, b, out);
            for (; b < n; b++) out[b * rows + r] = dot(r, xr, b * cols);
        }
    }

    /** Row {@code row} times vectors {@code v .. v+3} of {@code x}, into {@code out[(v + i) * rows + row]}. */
    private void dot4(int row, float[] x, int v, float[] out) {
        long base = row * rowBytes;
        int x0 = v * cols, x1 = x0 + cols, x2 = x1 + cols, x3 = x2 + cols;
        FloatVector a0 = FloatVector.zero(FQ), a1 = a0, a2 = a0, a3 = a0;
        for (int b = 0; b < cols / BLOCK; b++) {
            long block = base + (long) b * BLOCK_BYTES;
            float d = f16(block);
            for (int j = 0; j < BLOCK; j += L) {
                FloatVector w = toFloat(bytes(block + 2 + j)).mul(d);
                int i = b * BLOCK + j;
                a0 = w.fma(FloatVector.fromArray(FQ, x, x0 + i), a0);
                a1 = w.fma(FloatVector.fromArray(FQ, x, x1 + i), a1);
                a2 = w.fma(FloatVector.fromArray(FQ, x, x2 + i), a2);
                a3 = w.fma(FloatVector.fromArray(FQ, x, x3 + i), a3);
            }
        }
        out[v * rows + row] = a0.reduceLanes(VectorOperators.ADD);
        out[(v + 1) * rows + row] = a1.reduceLanes(VectorOperators.ADD);
        out[(v + 2) * rows + row] = a2.reduceLanes(VectorOperators.ADD);
        out[(v + 3) * rows + row] = a3.reduceLanes(VectorOperators.ADD);
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
