package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** F32 weights read straight from the mapped file. */
final class F32Matrix extends AbstractMatrix {
    private static final ValueLayout.OfFloat LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    F32Matrix(MemorySegment data, int rows, int cols) {
        super(GgmlType.F32, data, rows, cols);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        MemorySegment.copy(data, LE, (long) row * cols * 4, out, offset, cols);
    }

    @Override
    public float dot(int row, float[] x, int offset) {
        long base = (long) row * cols * 4;
        int i = 0;
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int step = F.length();
        int bound2 = cols - cols % (2 * step);
        for (; i < bound2; i += 2 * step) {
            acc0 = FloatVector.fromMemorySegment(F, data, base + i * 4L, ByteOrder.LITTLE_ENDIAN)
                    .fma(FloatVector.fromArray(F, x, offset + i), acc0);
            acc1 = FloatVector.fromMemorySegment(F, data, base + (i + step) * 4L, ByteOrder.LITTLE_ENDIAN)
                    .fma(FloatVector.fromArray(F, x, offset + i + step), acc1);
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < cols; i++) sum += data.get(LE, base + i * 4L) * x[offset + i];
        return sum;
    }
}
