package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

/**
 * GGML Q4_0: blocks of 32 weights in 18 bytes, an F16 scale {@code d} then 16 bytes of 4-bit values; weight
 * {@code j} is the low nibble of byte {@code j} and weight {@code j + 16} its high nibble, each {@code (q - 8) * d}.
 * <p>Thread safety: immutable.
 */
final class Q4_0Matrix extends BlockQuantizedMatrix {
    private static final int BLOCK_BYTES = 18;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, FQ.vectorShape());

    Q4_0Matrix(MemorySegment data, int rows, int cols) {
        super(GgmlType.Q4_0, data, rows, cols);
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_0;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        byte[] bytes = rowCopy(row);
        for (int b = 0; b < cols / 32; b++) {
            int bo = b * BLOCK_BYTES;
            float d = f16(bytes, bo);
            int o = offset + b * 32;
            for (int p = 0; p < 16; p += L) {
                IntVector q = (IntVector) bytes(bytes, bo + 2 + p).convertShape(VectorOperators.B2I, I, 0);
                low(q).mul(d).intoArray(out, o + p);
                high(q).mul(d).intoArray(out, o + 16 + p);
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
                IntVector q = nibbles(bo + 2 + p);
                sum = low(q).fma(FloatVector.fromArray(FQ, x, o + p), sum);
                sum = high(q).fma(FloatVector.fromArray(FQ, x, o + 16 + p), sum);
            }
            acc = sum.fma(FloatVector.broadcast(FQ, f16(bo)), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * {@code L} bytes of packed nibbles widened to ints; the nibbles are split in the int lanes, which x86 does in
     * single instructions (it has no byte shifts).
     */
    private IntVector nibbles(long offset) {
        return (IntVector) bytes(offset).convertShape(VectorOperators.B2I, I, 0);
    }

    /** The low nibbles minus 8, as floats. */
    private static FloatVector low(IntVector q) {
        return (FloatVector) q.and(0xF).sub(8).convert(VectorOperators.I2F, 0);
    }

    /** The high nibbles minus 8, as floats (the sign-extended bits above them are masked off). */
    private static FloatVector high(IntVector q) {
        return (FloatVector) q.lanewise(VectorOperators.ASHR, 4).and(0xF).sub(8).convert(VectorOperators.I2F, 0);
    }
}
