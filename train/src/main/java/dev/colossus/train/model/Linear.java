package dev.colossus.train.model;

import dev.colossus.engine.tensor.Parallel;
import dev.colossus.engine.tensor.WeightMatrix;

import java.util.Arrays;

/**
 * The three products of a bias-free linear layer {@code Y = X·Wᵀ} over {@code n} rows, with the weight {@code W}
 * stored as GGUF does ({@code out} rows of {@code in} floats), split across a thread pool by rows of the output.
 * <p>A frozen weight may also be an engine {@link WeightMatrix} in its file's type (quantized or not): its rows are
 * dequantized on the fly, a block at a time, into the same packed layout the float kernel reads, so no float copy of
 * the whole matrix is ever made and the products equal those of the dequantized matrix.
 * <p>Thread safety: one product at a time (a model owns one instance); not for concurrent use.
 */
public final class Linear {
    /**
     * Pieces of work per thread: more than one, so that a thread delayed by the operating system is helped by the
     * others; few, since each piece packs its own blocks of A.
     */
    private static final int PIECES_PER_THREAD = 4;

    /** Rows of a frozen matrix each thread dequantizes and multiplies at a time in {@link #forward(float[], int, int, WeightMatrix, float[], int, boolean)}. */
    private static final int FROZEN_ROWS = 64;
    /** Rows of a frozen matrix dequantized by all threads for one step of {@link #backwardInput(float[], int, int, WeightMatrix, float[], int)}. */
    private static final int FROZEN_PANEL = 256;
    /** Per-thread buffers for frozen matrices: one decoded row and one packed block; grown as needed. */
    private static final ThreadLocal<float[][]> FROZEN = ThreadLocal.withInitial(() -> new float[][]{new float[0], new float[0]});

    private final Parallel pool;
    /** B of the product in progress, packed once for all threads; grown to the largest. */
    private float[] packed = new float[0];

    Linear(Parallel pool) {
        this.pool = pool;
    }

    /**
     * {@code y[yo + t*out + o] (+)= Σ_i x[xo + t*in + i] · w[o*in + i]} for {@code t < n}; overwrites {@code y}
     * unless {@code accumulate}.
     */
    public void forward(float[] x, int xo, int n, int in, float[] w, int out, float[] y, int yo, boolean accumulate) {
        float[] b = pack(w, 0, 1, in, in, out);
        int per = rowsPerPiece(n);
        pool.forRange(pieces(n, per), (worker, s, e) -> {
            int m0 = s * per, m1 = Math.min(n, e * per);
            if (!accumulate) Arrays.fill(y, yo + m0 * out, yo + m1 * out, 0f);
            Gemm.mulAddPacked(m0, m1, out, in, x, xo, in, 1, b, y, yo, out);
        });
    }

    /** {@code dx[dxo + t*in + i] += Σ_o dy[dyo + t*out + o] · w[o*in + i]}: the input gradient. */
    public void backwardInput(float[] dy, int dyo, int n, int out, float[] w, int in, float[] dx, int dxo) {
        float[] b = pack(w, 0, in, 1, out, in);
        int per = rowsPerPiece(n);
        pool.forRange(pieces(n, per), (worker, s, e) ->
                Gemm.mulAddPacked(s * per, Math.min(n, e * per), in, out, dy, dyo, out, 1, b, dx, dxo, in));
    }

    /** {@code dw[o*in + i] += Σ_t dy[dyo + t*out + o] · x[xo + t*in + i]}: the weight gradient. */
    public void backwardWeight(float[] dy, int dyo, int n, int out, float[] x, int xo, int in, float[] dw) {
        float[] b = pack(x, xo, in, 1, n, in);
        int per = rowsPerPiece(out);
        pool.forRange(pieces(out, per), (worker, s, e) ->
                Gemm.mulAddPacked(s * per, Math.min(out, e * per), in, n, dy, dyo, 1, out, b, dw, 0, in));
    }

    /**
     * {@link #forward(float[], int, int, int, float[], int, float[], int, boolean) forward} with a frozen matrix of
     * {@code w.rows()} outputs and {@code w.cols()} inputs. Each thread takes blocks of {@value #FROZEN_ROWS} rows of
     * {@code w}, dequantizes them through a row buffer into its packed block and multiplies all {@code n} inputs by
     * them; the result does not depend on the number of threads.
     */
    public void forward(float[] x, int xo, int n, WeightMatrix w, float[] y, int yo, boolean accumulate) {
        int in = w.cols(), out = w.rows();
        int blocks = (out + FROZEN_ROWS - 1) / FROZEN_ROWS;
        pool.forRange(blocks, (worker, s, e) -> {
            float[][] buffers = FROZEN.get();
            float[] row = grow(buffers, 0, in);
            float[] block = grow(buffers, 1, Gemm.packedSize(in, FROZEN_ROWS));
            for (int b = s; b < e; b++) {
                int o0 = b * FROZEN_ROWS, rows = Math.min(FROZEN_ROWS, out - o0);
                if (rows % Gemm.NR != 0) Arrays.fill(block, 0f);
                for (int r = 0; r < rows; r++) {
                    w.dequantizeRow(o0 + r, row, 0);
                    int base = (r / Gemm.NR) * in * Gemm.NR + r % Gemm.NR;
                    for (int i = 0; i < in; i++) block[base + i * Gemm.NR] = row[i];
                }
                if (!accumulate) for (int t = 0; t < n; t++) Arrays.fill(y, yo + t * out + o0, yo + t * out + o0 + rows, 0f);
                Gemm.mulAddPacked(0, n, rows, in, x, xo, in, 1, block, y, yo + o0, out);
            }
        });
    }

    /**
     * {@link #backwardInput(float[], int, int, int, float[], int, float[], int) backwardInput} with a frozen matrix:
     * {@code dx += dy·W}. Blocks of {@value #FROZEN_PANEL} rows of {@code w} are dequantized by all threads into one
     * packed panel, which the threads then multiply by their rows of {@code dy}; the result does not depend on the
     * number of threads.
     */
    public void backwardInput(float[] dy, int dyo, int n, WeightMatrix w, float[] dx, int dxo) {
        int in = w.cols(), out = w.rows();
        if (packed.length < Gemm.packedSize(FROZEN_PANEL, in)) packed = new float[Gemm.packedSize(FROZEN_PANEL, in)];
        float[] panel = packed;
        int strips = Gemm.strips(in);
        int per = rowsPerPiece(n);
        for (int o0 = 0; o0 < out; o0 += FROZEN_PANEL) {
            int first = o0, rows = Math.min(FROZEN_PANEL, out - o0);
            pool.forRange(rows, (worker, s, e) -> {
                float[] row = grow(FROZEN.get(), 0, strips * Gemm.NR);
                Arrays.fill(row, in, row.length, 0f);
                for (int r = s; r < e; r++) {
                    w.dequantizeRow(first + r, row, 0);
                    for (int p = 0; p < strips; p++) {
                        System.arraycopy(row, p * Gemm.NR, panel, p * rows * Gemm.NR + r * Gemm.NR, Gemm.NR);
                    }
                }
            });
            pool.forRange(pieces(n, per), (worker, s, e) -> Gemm.mulAddPacked(s * per, Math.min(n, e * per), in, rows,
                    dy, dyo + first, out, 1, panel, dx, dxo, in));
        }
    }

    private static float[] grow(float[][] buffers, int index, int size) {
        if (buffers[index].length < size) buffers[index] = new float[size];
        return buffers[index];
    }

    /** Packs the {@code k × n} matrix {@code B(k,n) = b[off + k*bK + n*bN]} across the pool; returns the buffer. */
    private float[] pack(float[] b, int off, int bK, int bN, int k, int n) {
        int size = Gemm.packedSize(k, n);
        if (packed.length < size) packed = new float[size];
        float[] buffer = packed;
        pool.forRange(Gemm.strips(n), (worker, s, e) -> Gemm.packAll(b, off, bK, bN, k, n, s, e, buffer));
        return buffer;
    }

    /** Rows of C per piece: a multiple of the register tile's height. */
    private int rowsPerPiece(int rows) {
        int pieces = PIECES_PER_THREAD * pool.threads();
        int per = (rows + pieces - 1) / pieces;
        return (per + Gemm.MR - 1) / Gemm.MR * Gemm.MR;
    }

    private static int pieces(int rows, int per) {
        return (rows + per - 1) / per;
    }
}
