package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

/** Common state of the matrices over a memory segment: type, shape and the data slice. */
abstract class AbstractMatrix implements WeightMatrix {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    final GgmlType type;
    final MemorySegment data;
    final int rows;
    final int cols;

    AbstractMatrix(GgmlType type, MemorySegment data, int rows, int cols) {
        this.type = type;
        this.data = data;
        this.rows = rows;
        this.cols = cols;
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

    /** F32 weights use the activations as given; other types override this. */
    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.NONE;
    }

    /** Rows dequantized together by {@link #matmulTiled}: each load of an activation serves all of them. */
    private static final int TILE_ROWS = 4;

    /** Rounds into this thread's scratch slot 0, then runs {@link #matmulRounded}. */
    @Override
    public final void matmul(float[] x, int n, float[] out, int rowStart, int rowEnd) {
        float[] xr = x;
        ActivationRounding rounding = activationRounding();
        if (rounding != ActivationRounding.NONE) {
            xr = scratch(0, n * cols);
            rounding.round(x, n * cols, xr);
        }
        matmulRounded(xr, n, out, rowStart, rowEnd);
    }

    @Override
    public final void matvec(float[] x, float[] out, int rowStart, int rowEnd) {
        matmul(x, 1, out, rowStart, rowEnd);
    }

    /**
     * One vector: each row's fused {@link #dot}; several: {@link #matmulTiled}, which decodes each row once for all.
     */
    @Override
    public void matmulRounded(float[] xr, int n, float[] out, int rowStart, int rowEnd) {
        if (n == 1) {
            for (int r = rowStart; r < rowEnd; r++) out[r] = dot(r, xr, 0);
        } else {
            matmulTiled(xr, n, out, rowStart, rowEnd);
        }
    }

    /**
     * The batched product for several vectors: dequantizes {@value #TILE_ROWS} rows at a time into scratch slot 1
     * and multiplies them with all vectors in register tiles, so the weights are decoded once per call.
     */
    private void matmulTiled(float[] xr, int n, float[] out, int rowStart, int rowEnd) {
        float[] w = scratch(1, TILE_ROWS * cols);
        for (int r = rowStart; r < rowEnd; r += TILE_ROWS) {
            int k = Math.min(TILE_ROWS, rowEnd - r);
            for (int i = 0; i < k; i++) dequantizeRow(r + i, w, i * cols);
            if (k == TILE_ROWS) {
                VectorMath.dotTile4(w, xr, n, cols, out, r, rows);
            } else {
                for (int i = 0; i < k; i++) VectorMath.dotMany(w, i * cols, xr, n, cols, out, r + i, rows);
            }
        }
    }

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    /**
     * A per-thread buffer of at least {@code size} floats: slot 0 holds rounded activations, slot 1 dequantized
     * rows, slot 2 a kernel's partial sums.
     */
    static float[] scratch(int slot, int size) {
        float[][] s = SCRATCH.get();
        if (s[slot].length < size) s[slot] = new float[size];
        return s[slot];
    }

    @Override
    public String toString() {
        return type + "[" + rows + "x" + cols + "]";
    }
}
