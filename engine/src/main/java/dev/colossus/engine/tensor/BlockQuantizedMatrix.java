package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Shared frame of the block-quantized matrices read in place (the K-quants): rows of {@code cols / blockSize} blocks,
 * back to back in a (usually memory-mapped) segment. Subclasses give a fused dequantize-and-dot kernel ({@link #dot})
 * and a row dequantizer; {@link #matmul} of several vectors dequantizes rows once into a scratch tile and reuses them
 * for all {@code n} vectors, so the quantized weights are decoded once per call whatever the batch size. (Q4_0 and
 * Q8_0 are repacked instead, see {@link RowGroupMatrix}.)
 * <p>Activations are first rounded to 8-bit blocks as llama.cpp's CPU backend does ({@link ActivationRounding});
 * the products then use the rounded values as floats.
 */
abstract class BlockQuantizedMatrix extends AbstractMatrix {

    /** Float lanes per kernel vector: the platform's preferred width, at least 8 lanes (256 bits). */
    static final VectorSpecies<Float> FQ = F.length() >= 8 ? F : FloatVector.SPECIES_256;
    /** Byte vectors with as many lanes as {@link #FQ}, so one byte load converts into one float vector. */
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(FQ.length() * 8));
    static final int L = FQ.length();
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final long rowBytes;

    BlockQuantizedMatrix(GgmlType type, MemorySegment data, int rows, int cols) {
        super(type, data, rows, cols);
        if (cols % type.blockSize() != 0) {
            throw new IllegalArgumentException(type + " rows must be a multiple of " + type.blockSize() + ", not "
                    + cols);
        }
        this.rowBytes = type.bytesFor(cols);
        if (data.byteSize() != rowBytes * rows) {
            throw new IllegalArgumentException(type + " " + rows + "x" + cols + " takes " + rowBytes * rows
                    + " bytes, the data has " + data.byteSize());
        }
    }

    final float f16(long offset) {
        return Float.float16ToFloat(data.get(SHORT_LE, offset));
    }

    final ByteVector bytes(long offset) {
        return ByteVector.fromMemorySegment(B, data, offset, ByteOrder.LITTLE_ENDIAN);
    }

    static FloatVector toFloat(ByteVector v) {
        return (FloatVector) v.convertShape(VectorOperators.B2F, FQ, 0);
    }

    /**
     * Q8_K rounding (blocks of 256, F32 scale {@code max/-127} from the value of largest magnitude, round half to
     * even, at most 127), used by llama.cpp for the K-quants.
     */
    static void roundLikeQ8_K(float[] x, int count, float[] out) {
        for (int o = 0; o < count; o += 256) {
            float max = 0;
            float amax = 0;
            for (int j = 0; j < 256; j++) {
                float a = Math.abs(x[o + j]);
                if (a > amax) {
                    amax = a;
                    max = x[o + j];
                }
            }
            if (amax == 0) {
                java.util.Arrays.fill(out, o, o + 256, 0f);
                continue;
            }
            float iscale = -127f / max;
            float d = 1 / iscale;
            for (int j = 0; j < 256; j++) out[o + j] = d * Math.min(127f, (float) Math.rint(iscale * x[o + j]));
        }
    }
}
