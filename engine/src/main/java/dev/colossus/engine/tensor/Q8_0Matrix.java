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
 * <p>{@link #matvec} and {@link #matmul} quantize the activations to Q8_0 blocks once per call, as llama.cpp's CPU
 * backend does, and then sum integer products per block (exact in float: |sum| &lt; 2^24) scaled by both blocks'
 * scales; {@link #dot} multiplies the weights with the activations as given.
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
        return blockDot(row, x, offset, null, 0);
    }

    @Override
    public void matvec(float[] x, float[] out, int rowStart, int rowEnd) {
        matmul(x, 1, out, rowStart, rowEnd);
    }

    @Override
    public void matmul(float[] x, int n, float[] out, int rowStart, int rowEnd) {
        float[] qx = scratch(0, n * cols);
        float[] dx = scratch(1, n * blocksPerRow);
        quantizeActivations(x, n * blocksPerRow, qx, dx);
        for (int r = rowStart; r < rowEnd; r++) {
            for (int b = 0; b < n; b++) out[b * rows + r] = blockDot(r, qx, b * cols, dx, b * blocksPerRow);
        }
    }

    /**
     * Quantizes {@code blocks} blocks of 32 activations like ggml's {@code quantize_row_q8_0}: scale
     * {@code amax/127} stored as F16, values {@code round_half_even(x * 127/amax)}; the integers go to {@code qx}
     * (as floats), the F16-rounded scales to {@code dx}.
     */
    static void quantizeActivations(float[] x, int blocks, float[] qx, float[] dx) {
        for (int b = 0; b < blocks; b++) {
            int o = b * BLOCK;
            float amax = 0;
            for (int j = 0; j < BLOCK; j++) amax = Math.max(amax, Math.abs(x[o + j]));
            float id = amax != 0 ? 127f / amax : 0f;
            dx[b] = Float.float16ToFloat(Float.floatToFloat16(amax / 127f));
            for (int j = 0; j < BLOCK; j++) qx[o + j] = (float) Math.rint(x[o + j] * id);
        }
    }

    /** Row {@code row} · x, where x's blocks have scales {@code dx[dxOffset..]} (or 1 when {@code dx} is null). */
    private float blockDot(int row, float[] x, int offset, float[] dx, int dxOffset) {
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
            float scale = Float.float16ToFloat(data.get(LE, block));
            if (dx != null) scale *= dx[dxOffset + b];
            acc = blockSum.fma(FloatVector.broadcast(FB, scale), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
