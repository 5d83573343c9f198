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

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    /** A per-thread buffer of at least {@code size} floats ({@code slot} 0 or 1), for converted activations. */
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
