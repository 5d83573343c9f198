package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Q8_0: blocks of 32 weights, each an F16 scale {@code d} followed by 32 signed bytes {@code q}; weight = d·q.
 * Kept repacked in row groups ({@link RowGroupMatrix}) with bytes in pairs ({@link #pairLayout}).
 * <p>Thread safety: immutable.
 */
final class Q8_0Matrix extends RowGroupMatrix {

    /** Repacks {@code ggml} (the file's layout) into memory of {@code arena}. */
    Q8_0Matrix(MemorySegment ggml, int rows, int cols, Arena arena) {
        super(GgmlType.Q8_0, ggml, rows, cols, arena, (j, lane) -> pairLayout(j, lane, BLOCK));
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        for (int b = 0; b < blocks; b++) {
            float d = scale(row, b);
            for (int j = 0; j < BLOCK; j++) out[offset + b * BLOCK + j] = quant(row, b, j) * d;
        }
    }

    /**
     * Products in 16-bit lanes, one lane per row and byte parity, two runs at a time (|q| <= 127 and weights >= -128,
     * so two products stay within 16 bits), then each row's lanes summed in 32-bit lanes.
     */
    @Override
    void blockSums(int g, Q8Activations a, int v, int[] sums) {
        int[] pairs = a.pairs;
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            int xo = (v * blocks + b) * 16;
            IntVector s0 = IntVector.zero(IH), s1 = s0;
            for (int p = 0; p < 16; p += 2) {
                ShortVector x0 = broadcastPair(pairs[xo + p]), x1 = broadcastPair(pairs[xo + p + 1]);
                ShortVector h0 = signedBytes(o + (long) p * G).mul(x0).add(signedBytes(o + (long) (p + 1) * G).mul(x1));
                ShortVector h1 = signedBytes(o + (long) (16 + p) * G).mul(x0)
                        .add(signedBytes(o + (long) (17 + p) * G).mul(x1));
                s0 = s0.add(rowSums(h0));
                s1 = s1.add(rowSums(h1));
            }
            s0.intoArray(sums, b * G);
            s1.intoArray(sums, b * G + HALF);
        }
    }

    @Override
    void decodeGroup(int g, float[] tile) {
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            for (int h = 0; h < 2; h++) decodeBytes(o, b, h, 0, 16, floats(o + quantBytes, h), tile);
        }
    }
}
