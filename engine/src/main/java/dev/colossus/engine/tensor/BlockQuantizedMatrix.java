package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufTensor;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Shared frame of the block-quantized matrices: rows of {@code cols / blockSize} blocks, back to back in a (usually
 * memory-mapped) segment. Subclasses give a fused dequantize-and-dot kernel ({@link #dot}) and a row dequantizer;
 * {@link #matmul} dequantizes each row once into a scratch row and reuses it for all {@code n} vectors, so the
 * quantized weights are decoded once per call whatever the batch size.
 * <p>The kernels multiply in float: the activations stay F32 (no activation quantization), which is what makes
 * the results a little more accurate than llama.cpp's, whose CPU backend quantizes activations to 8 bits.
 */
abstract class BlockQuantizedMatrix implements WeightMatrix {

    /** Float lanes per vector: the platform's preferred width, at least 8 lanes (256 bits). */
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() >= 8
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_256;
    /** Byte vectors with as many lanes as {@link #F}, so one byte load converts into one float vector. */
    static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8));
    static final int L = F.length();
    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final GgmlType type;
    final MemorySegment data;
    final int rows;
    final int cols;
    final long rowBytes;

    BlockQuantizedMatrix(GgmlType type, MemorySegment data, int rows, int cols) {
        if (cols % type.blockSize() != 0) {
            throw new IllegalArgumentException(type + " rows must be a multiple of " + type.blockSize() + ", not "
                    + cols);
        }
        this.type = type;
        this.rows = rows;
        this.cols = cols;
        this.rowBytes = type.bytesFor(cols);
        if (data.byteSize() != rowBytes * rows) {
            throw new IllegalArgumentException(type + " " + rows + "x" + cols + " takes " + rowBytes * rows
                    + " bytes, the data has " + data.byteSize());
        }
        this.data = data;
    }

    /** Rows and columns of a 2-D (or 1-D) tensor: {@code ne[1]} rows of {@code ne[0]} elements. */
    static int[] shape(GgufTensor tensor) {
        if (tensor.ne().length > 2) {
            throw new IllegalArgumentException(tensor.name() + " has " + tensor.ne().length + " dimensions, a "
                    + "weight matrix has at most 2");
        }
        return new int[]{Math.toIntExact(tensor.dim(1)), Math.toIntExact(tensor.dim(0))};
    }

    @Override
    public final GgmlType type() {
        return type;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    final float f16(long offset) {
        return Float.float16ToFloat(data.get(SHORT_LE, offset));
    }

    final ByteVector bytes(long offset) {
        return ByteVector.fromMemorySegment(B, data, offset, ByteOrder.LITTLE_ENDIAN);
    }

    static FloatVector toFloat(ByteVector v) {
        return (FloatVector) v.convertShape(VectorOperators.B2F, F, 0);
    }

    @Override
    public void matvec(float[] x, float[] out, int rowStart, int rowEnd) {
        for (int r = rowStart; r < rowEnd; r++) out[r] = dot(r, x, 0);
    }

    @Override
    public void matmul(float[] x, int n, float[] out, int rowStart, int rowEnd) {
        if (n == 1) {
            matvec(x, out, rowStart, rowEnd);
            return;
        }
        float[] row = new float[cols];
        for (int r = rowStart; r < rowEnd; r++) {
            dequantizeRow(r, row, 0);
            for (int b = 0; b < n; b++) out[b * rows + r] = dotF32(row, x, b * cols, cols);
        }
    }

    /** {@code a[0..n) · x[xo..xo+n)}, {@code n} a multiple of 32. */
    static float dotF32(float[] a, float[] x, int xo, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int i = 0; i < n; i += 2 * L) {
            acc0 = FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, x, xo + i), acc0);
            acc1 = FloatVector.fromArray(F, a, i + L).fma(FloatVector.fromArray(F, x, xo + i + L), acc1);
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
}
