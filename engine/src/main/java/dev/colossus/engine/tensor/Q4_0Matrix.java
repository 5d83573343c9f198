package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * GGML Q4_0: blocks of 32 weights in 18 bytes, an F16 scale {@code d} then 16 bytes of 4-bit values; weight
 * {@code j} is the low nibble of byte {@code j} and weight {@code j + 16} its high nibble, each {@code (q - 8) * d}.
 * Kept repacked in row groups ({@link RowGroupMatrix}) with bytes in pairs ({@link #pairLayout}).
 * <p>Thread safety: immutable.
 */
final class Q4_0Matrix extends RowGroupMatrix {
    /** Repacks {@code ggml} (the file's layout) into memory of {@code arena}. */
    Q4_0Matrix(MemorySegment ggml, int rows, int cols, Arena arena) {
        super(GgmlType.Q4_0, ggml, rows, cols, arena, (j, lane) -> pairLayout(j, lane, 16));
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
     * Sums of products in 16-bit lanes, one lane per row and byte parity. Whole bytes {@code lo + 16 hi} are
     * multiplied (one vector operation fewer than splitting them) with the pairs of
     * {@link Q8Activations#nibblePairs}: {@code byte * q[j] + hi * (q[j + 16] - 16 q[j]) = lo * q[j] + hi * q[j + 16]}.
     * A lane's true sum is within 8 * 2 * 15 * 127 = 30480, so it fits 16 bits; the row sums, each two lanes
     * minus {@code 8 * sum(q)}, are formed in 32-bit lanes.
     */
    @Override
    void blockSums(int g, Q8Activations a, int v, int[] sums) {
        int[] pairs = a.nibblePairs;
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            int xo = (v * blocks + b) * 16;
            ShortVector s0 = ShortVector.zero(S), s1 = s0;
            for (int p = 0; p < 8; p++) {
                ShortVector lo = broadcastPair(pairs[xo + p]);
                ShortVector hi = broadcastPair(pairs[xo + 8 + p]);
                ShortVector w0 = unsignedBytes(o + (long) p * G);
                ShortVector w1 = unsignedBytes(o + (long) (8 + p) * G);
                s0 = s0.add(w0.mul(lo)).add(w0.lanewise(VectorOperators.LSHR, 4).mul(hi));
                s1 = s1.add(w1.mul(lo)).add(w1.lanewise(VectorOperators.LSHR, 4).mul(hi));
            }
            int offset = -8 * a.sum[v * blocks + b];
            rowSums(s0).add(offset).intoArray(sums, b * G);
            rowSums(s1).add(offset).intoArray(sums, b * G + HALF);
        }
    }

    /** Each weight as {@code nibble * d - 8 d}, one FMA. */
    @Override
    void decodeGroup(int g, float[] tile) {
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            for (int h = 0; h < 2; h++) {
                FloatVector d = scales(o + quantBytes, h);
                FloatVector m = d.mul(-8f);
                for (int p = 0; p < 8; p++) {
                    ShortVector w = unsignedBytes(o + (long) (h * 8 + p) * G).rearrange(SPLIT_PAIRS);
                    ShortVector lo = w.and((short) 0xF);
                    ShortVector hi = w.lanewise(VectorOperators.LSHR, 4);
                    int t = (b * BLOCK + 2 * p) * G + h * HALF;
                    toFloat(lo, 0).fma(d, m).intoArray(tile, t);
                    toFloat(lo, 1).fma(d, m).intoArray(tile, t + G);
                    toFloat(hi, 0).fma(d, m).intoArray(tile, t + 16 * G);
                    toFloat(hi, 1).fma(d, m).intoArray(tile, t + 17 * G);
                }
            }
        }
    }
}
