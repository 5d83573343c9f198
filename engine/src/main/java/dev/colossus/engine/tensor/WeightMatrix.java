package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;

/**
 * A read-only weight matrix of {@link #rows()} rows of {@link #cols()} elements, kept in its GGML storage type
 * (GGML's {@code ne[1]} rows of {@code ne[0]} contiguous elements), usually a slice of a memory-mapped GGUF file.
 * <p>Implementations exist per storage type, each with its own vectorised kernels.
 * <p>Thread safety: immutable; all methods may be called concurrently, on disjoint output ranges.
 */
public interface WeightMatrix {

    GgmlType type();

    int rows();

    int cols();

    /** Writes row {@code row}, dequantized to float, into {@code out[offset .. offset + cols)}. */
    void dequantizeRow(int row, float[] out, int offset);

    /** The dot product of row {@code row} with {@code x[offset .. offset + cols)}. */
    float dot(int row, float[] x, int offset);

    /** {@code out[r] = row r · x} for rows {@code [rowStart, rowEnd)}. */
    void matvec(float[] x, float[] out, int rowStart, int rowEnd);

    /** How {@link #matvec} and {@link #matmul} round the activations before multiplying. */
    ActivationRounding activationRounding();

    /**
     * {@link #matmul} on activations already rounded by {@link #activationRounding()} ({@code xr}), so that one
     * rounding serves every row range and every matrix that shares the input.
     */
    void matmulRounded(float[] xr, int n, float[] out, int rowStart, int rowEnd);

    /**
     * For each of {@code n} input vectors {@code x[b*cols ..]}: {@code out[b*rows + r] = row r · x_b}, for rows
     * {@code [rowStart, rowEnd)}. Used for batched prefill and batched decoding, where reading each weight row once
     * for many vectors is what makes it fast.
     */
    void matmul(float[] x, int n, float[] out, int rowStart, int rowEnd);
}
