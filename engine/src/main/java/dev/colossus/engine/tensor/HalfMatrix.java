package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * 16-bit float weights (F16 or BF16), widened to float in registers: a row of 16-bit values is loaded as shorts,
 * sign-extended to ints and turned into float bits with integer operations (no scalar conversion in the loop).
 * <p>{@link #matvec} and {@link #matmul} first round the activations to the weights' 16-bit type, as llama.cpp's CPU
 * backend does ({@link ActivationRounding}), so that results agree with it closely; {@link #dot} uses the activations
 * as given.
 */
final class HalfMatrix extends AbstractMatrix {
    private static final ValueLayout.OfShort LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VectorSpecies<Short> S =
            VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    /** 2^112: rescales an F16 exponent (bias 15) placed in an F32 (bias 127); also handles subnormals and zero. */
    private static final float F16_RESCALE = 0x1p112f;

    private final boolean bf16;

    HalfMatrix(GgmlType type, MemorySegment data, int rows, int cols) {
        super(type, data, rows, cols);
        this.bf16 = type == GgmlType.BF16;
    }

    private float scalar(long byteOffset) {
        short h = data.get(LE, byteOffset);
        return bf16 ? Float.intBitsToFloat(h << 16) : Float.float16ToFloat(h);
    }

    /** {@code F.length()} 16-bit values at {@code byteOffset}, as floats. */
    private FloatVector load(long byteOffset) {
        IntVector h = (IntVector) ShortVector.fromMemorySegment(S, data, byteOffset, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, I, 0);
        if (bf16) return h.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
        IntVector sign = h.and(0x80000000);
        FloatVector magnitude = h.and(0x7fff).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats()
                .mul(F16_RESCALE);
        return magnitude.reinterpretAsInts().or(sign).reinterpretAsFloats();
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = (long) row * cols * 2;
        int i = 0;
        int bound = F.loopBound(cols);
        for (; i < bound; i += F.length()) load(base + i * 2L).intoArray(out, offset + i);
        for (; i < cols; i++) out[offset + i] = scalar(base + i * 2L);
    }

    @Override
    public ActivationRounding activationRounding() {
        return bf16 ? ActivationRounding.BF16 : ActivationRounding.F16;
    }

    static float roundToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return f;
        return Float.intBitsToFloat(((bits + (0x7fff + ((bits >>> 16) & 1))) >>> 16) << 16);
    }

    @Override
    public float dot(int row, float[] x, int offset) {
        long base = (long) row * cols * 2;
        int i = 0;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int step = F.length();
        int bound2 = cols - cols % (2 * step);
        for (; i < bound2; i += 2 * step) {
            acc0 = load(base + i * 2L).fma(FloatVector.fromArray(F, x, offset + i), acc0);
            acc1 = load(base + (i + step) * 2L).fma(FloatVector.fromArray(F, x, offset + i + step), acc1);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < cols; i++) sum += scalar(base + i * 2L) * x[offset + i];
        return sum;
    }
}
