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
 * Q8_0: blocks of 32 weights, each an F16 scale {@code d} followed by 32 signed bytes {@code q}; weight = d·q.
 * The kernel widens the bytes to floats in registers and applies the scale once per block.
 */
final class Q8_0Matrix extends AbstractMatrix {
    static final int BLOCK = 32;
    static final int BLOCK_BYTES = 34;
    private static final ValueLayout.OfShort LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Bytes loaded per float vector: a quarter of the float vector's bit size. */
    private static final VectorSpecies<Byte> B =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, F.vectorBitSize() / 4)));
    private static final VectorSpecies<Float> FB = VectorSpecies.of(float.class,
            VectorShape.forBitSize(B.vectorBitSize() * 4));
    private static final int LANES = FB.length();

    private final int blocksPerRow;

    Q8_0Matrix(MemorySegment data, int rows, int cols) {
        super(GgmlType.Q8_0, data, rows, cols);
        if (cols % BLOCK != 0) throw new IllegalArgumentException("Q8_0 row length " + cols + " is not a multiple of 32");
        this.blocksPerRow = cols / BLOCK;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = (long) row * blocksPerRow * BLOCK_BYTES;
        for (int b = 0; b < blocksPerRow; b++) {
            long block = base + (long) b * BLOCK_BYTES;
            float d = Float.float16ToFloat(data.get(LE, block));
            for (int j = 0; j < BLOCK; j++) {
                out[offset + b * BLOCK + j] = d * data.get(ValueLayout.JAVA_BYTE, block + 2 + j);
            }
        }
    }

    @Override
    public float dot(int row, float[] x, int offset) {
        long base = (long) row * blocksPerRow * BLOCK_BYTES;
        FloatVector acc = FloatVector.zero(FB);
        int xi = offset;
        for (int b = 0; b < blocksPerRow; b++, xi += BLOCK) {
            long block = base + (long) b * BLOCK_BYTES;
            FloatVector blockSum = FloatVector.zero(FB);
            for (int j = 0; j < BLOCK; j += LANES) {
                FloatVector q = (FloatVector) ByteVector.fromMemorySegment(B, data, block + 2 + j, ByteOrder.LITTLE_ENDIAN)
                        .convertShape(VectorOperators.B2F, FB, 0);
                blockSum = q.fma(FloatVector.fromArray(FB, x, xi + j), blockSum);
            }
            acc = blockSum.fma(FloatVector.broadcast(FB, Float.float16ToFloat(data.get(LE, block))), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
