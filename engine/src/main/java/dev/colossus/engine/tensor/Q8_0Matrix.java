package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Q8_0: blocks of 32 weights, each an F16 scale {@code d} followed by 32 signed bytes {@code q}; weight = d·q.
 * Kept repacked in row groups ({@link RowGroupMatrix}).
 * <p>Thread safety: immutable.
 */
final class Q8_0Matrix extends RowGroupMatrix {

    /** Repacks {@code ggml} (the file's layout) into memory of {@code arena}. */
    Q8_0Matrix(MemorySegment ggml, int rows, int cols, Arena arena) {
        super(GgmlType.Q8_0, ggml, rows, cols, arena, RowGroupMatrix::positionMajor);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        for (int b = 0; b < blocks; b++) {
            float d = scale(row, b);
            for (int j = 0; j < BLOCK; j++) out[offset + b * BLOCK + j] = quant(row, b, j) * d;
        }
    }

    /**
     * Products in 16-bit lanes, two at a time (|q| <= 127 and weights >= -128, so a pair stays within 16 bits),
     * then summed in 32-bit lanes.
     */
    @Override
    void blockSums(int g, Q8Activations a, int v, int[] sums) {
        short[] q = a.q;
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            int xo = (v * blocks + b) * BLOCK;
            IntVector s0 = IntVector.zero(IH), s1 = s0;
            for (int j = 0; j < BLOCK; j += 2) {
                ShortVector p = signedBytes(o + (long) j * G).mul(q[xo + j])
                        .add(signedBytes(o + (long) (j + 1) * G).mul(q[xo + j + 1]));
                s0 = s0.add((IntVector) p.convertShape(VectorOperators.S2I, IH, 0));
                s1 = s1.add((IntVector) p.convertShape(VectorOperators.S2I, IH, 1));
            }
            s0.intoArray(sums, b * G);
            s1.intoArray(sums, b * G + HALF);
        }
    }

    @Override
    void decodeGroup(int g, float[] tile) {
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            FloatVector d0 = scales(o + quantBytes, 0);
            FloatVector d1 = scales(o + quantBytes, 1);
            for (int j = 0; j < BLOCK; j++) {
                ShortVector w = signedBytes(o + (long) j * G);
                int t = (b * BLOCK + j) * G;
                toFloat(w, 0).mul(d0).intoArray(tile, t);
                toFloat(w, 1).mul(d1).intoArray(tile, t + HALF);
            }
        }
    }
}
