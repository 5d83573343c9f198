package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * GGML Q4_0: blocks of 32 weights in 18 bytes, an F16 scale {@code d} then 16 bytes of 4-bit values; weight
 * {@code j} is the low nibble of byte {@code j} and weight {@code j + 16} its high nibble, each {@code (q - 8) * d}.
 * Kept repacked in row groups ({@link RowGroupMatrix}): byte {@code j} of a block for all rows of a group together.
 * <p>Thread safety: immutable.
 */
final class Q4_0Matrix extends RowGroupMatrix {

    /** Repacks {@code ggml} (the file's layout) into memory of {@code arena}. */
    Q4_0Matrix(MemorySegment ggml, int rows, int cols, Arena arena) {
        super(GgmlType.Q4_0, ggml, rows, cols, arena);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        for (int b = 0; b < blocks; b++) {
            float d = scale(row, b);
            int o = offset + b * BLOCK;
            for (int j = 0; j < 16; j++) {
                int v = quant(row, b, j);
                out[o + j] = ((v & 0xF) - 8) * d;
                out[o + j + 16] = (((v >> 4) & 0xF) - 8) * d;
            }
        }
    }

    /**
     * Sums of products in 16-bit lanes. Whole bytes {@code lo + 16 hi} are multiplied (one vector operation fewer
     * than splitting them) with {@link Q8Activations#nibbleQ}: {@code byte * q[j] + hi * (q[j + 16] - 16 q[j]) =
     * lo * q[j] + hi * q[j + 16]}. The sums wrap, but each block's true sum {@code sum (nibble - 8) * q} is within
     * +-8 * 127 * 32 = 32512, so the wrapped sum minus {@code 8 * sum(q)} is exact.
     */
    @Override
    void dotGroup(int g, Q8Activations a, float[] sums) {
        FloatVector acc0 = FloatVector.zero(FH), acc1 = acc0;
        short[] q = a.nibbleQ;
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            int xo = b * BLOCK;
            ShortVector s = ShortVector.broadcast(S, (short) (-8 * a.sum[b]));
            for (int j = 0; j < 16; j++) {
                ShortVector w = unsignedBytes(o + (long) j * G);
                s = s.add(w.mul(q[xo + j])).add(w.lanewise(VectorOperators.LSHR, 4).mul(q[xo + 16 + j]));
            }
            float d = a.scale[b];
            acc0 = toFloat(s, 0).mul(d).fma(scales(o + quantBytes, 0), acc0);
            acc1 = toFloat(s, 1).mul(d).fma(scales(o + quantBytes, 1), acc1);
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, HALF);
    }

    /** Each weight as {@code nibble * d - 8 d}, one FMA. */
    @Override
    void decodeGroup(int g, float[] tile) {
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            FloatVector d0 = scales(o + quantBytes, 0).mul(F16_SHIFT);
            FloatVector d1 = scales(o + quantBytes, 1).mul(F16_SHIFT);
            FloatVector m0 = d0.mul(-8f), m1 = d1.mul(-8f);
            for (int j = 0; j < 16; j++) {
                ShortVector w = unsignedBytes(o + (long) j * G);
                ShortVector lo = w.and((short) 0xF);
                ShortVector hi = w.lanewise(VectorOperators.LSHR, 4);
                int t = (b * BLOCK + j) * G;
                toFloat(lo, 0).fma(d0, m0).intoArray(tile, t);
                toFloat(lo, 1).fma(d1, m1).intoArray(tile, t + HALF);
                toFloat(hi, 0).fma(d0, m0).intoArray(tile, t + 16 * G);
                toFloat(hi, 1).fma(d1, m1).intoArray(tile, t + 16 * G + HALF);
            }
        }
    }
}
