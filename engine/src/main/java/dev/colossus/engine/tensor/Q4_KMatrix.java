package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * GGML Q4_K: super-blocks of 256 weights in 144 bytes: F16 {@code d}, F16 {@code dmin}, 12 bytes packing eight
 * 6-bit scales and eight 6-bit mins, then 128 bytes of 4-bit values. Sub-block {@code s} (32 weights) decodes as
 * {@code d * scale[s] * q - dmin * min[s]}; each run of 64 weights takes 32 bytes, the first 32 weights from the
 * low nibbles and the next 32 from the high nibbles.
 * <p>Thread safety: immutable.
 */
final class Q4_KMatrix extends BlockQuantizedMatrix {
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, FQ.vectorShape());
    private static final int BLOCK_BYTES = 144;

    Q4_KMatrix(MemorySegment data, int rows, int cols) {
        super(GgmlType.Q4_K, data, rows, cols);
    }

    /**
     * The 6-bit scale ({@code min == false}) or min of sub-block {@code j} (0..7) of the block at {@code bo}: twelve
     * bytes pack eight of each, the low six bits of the first eight bytes and the high two bits spread over them.
     */
    private int sixBits(long bo, int j, boolean min) {
        long q = bo + 4;
        if (j < 4) return data.get(ValueLayout.JAVA_BYTE, q + j + (min ? 4 : 0)) & 63;
        int hiLo = data.get(ValueLayout.JAVA_BYTE, q + j + 4) & 0xFF;
        int up = data.get(ValueLayout.JAVA_BYTE, q + j - (min ? 0 : 4)) & 0xFF;
        return (min ? hiLo >> 4 : hiLo & 0xF) | (up >> 6) << 4;
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_K;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        for (int b = 0; b < cols / 256; b++) {
            long bo = base + (long) b * BLOCK_BYTES;
            float d = f16(bo), dmin = f16(bo + 2);
            for (int c = 0; c < 4; c++) {
                int o = offset + b * 256 + c * 64;
                FloatVector d1 = FloatVector.broadcast(FQ, d * sixBits(bo, 2 * c, false));
                FloatVector m1 = FloatVector.broadcast(FQ, -(dmin * sixBits(bo, 2 * c, true)));
                FloatVector d2 = FloatVector.broadcast(FQ, d * sixBits(bo, 2 * c + 1, false));
                FloatVector m2 = FloatVector.broadcast(FQ, -(dmin * sixBits(bo, 2 * c + 1, true)));
                for (int p = 0; p < 32; p += L) {
                    // nibbles split in int lanes: x86 has no byte shifts
                    IntVector q = (IntVector) bytes(bo + 16 + 32 * c + p).convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
                    ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).fma(d1, m1).intoArray(out, o + p);
                    ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(d2, m2)
                            .intoArray(out, o + 32 + p);
                }
            }
        }
    }

    /**
     * The row decoded into a per-thread buffer, then a plain dot product: the fused decode-and-multiply loop outgrew
     * what the JIT compiles into vector instructions and ran as allocating Java code.
     */
    @Override
    public float dot(int row, float[] x, int offset) {
        float[] w = scratch(1, cols);
        dequantizeRow(row, w, 0);
        return VectorMath.dot(w, 0, x, offset, cols);
    }
}
