package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;

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

    /** Nibbles offset by 8: {@link #nibbleBlockSums} with bias 8. */
    @Override
    void blockSums(int g, Q8Activations a, int v, int[] sums) {
        nibbleBlockSums(g, a, v, sums, 8);
    }

    /** Each weight as {@code nibble * d - 8 d}, one FMA. */
    @Override
    void decodeGroup(int g, float[] tile) {
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            for (int h = 0; h < 2; h++) {
                FloatVector d = floats(o + quantBytes, h);
                decodeNibbles(o, b, h, d, d.mul(-8f), tile);
            }
        }
    }
}
