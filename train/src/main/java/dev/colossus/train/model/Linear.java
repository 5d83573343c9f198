package dev.colossus.train.model;

import dev.colossus.engine.tensor.Parallel;

import java.util.Arrays;

/**
 * The three products of a bias-free linear layer {@code Y = X·Wᵀ} over {@code n} rows, with the weight {@code W}
 * stored as GGUF does ({@code out} rows of {@code in} floats), split across a thread pool by rows of the output.
 * <p>Thread safety: calls are serialised by the pool; not for concurrent use on the same outputs.
 */
final class Linear {
    /**
     * Pieces of work per thread: more than one, so that a thread delayed by the operating system is helped by the
     * others; few, since each piece packs its own blocks of A.
     */
    private static final int PIECES_PER_THREAD = 4;

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
    void forward(float[] x, int xo, int n, int in, float[] w, int out, float[] y, int yo, boolean accumulate) {
        float[] b = pack(w, 0, 1, in, in, out);
        int per = rowsPerPiece(n);
        pool.forRange(pieces(n, per), (worker, s, e) -> {
            int m0 = s * per, m1 = Math.min(n, e * per);
            if (!accumulate) Arrays.fill(y, yo + m0 * out, yo + m1 * out, 0f);
            Gemm.mulAddPacked(m0, m1, out, in, x, xo, in, 1, b, y, yo, out);
        });
    }

    /** {@code dx[dxo + t*in + i] += Σ_o dy[dyo + t*out + o] · w[o*in + i]}: the input gradient. */
    void backwardInput(float[] dy, int dyo, int n, int out, float[] w, int in, float[] dx, int dxo) {
        float[] b = pack(w, 0, in, 1, out, in);
        int per = rowsPerPiece(n);
        pool.forRange(pieces(n, per), (worker, s, e) ->
                Gemm.mulAddPacked(s * per, Math.min(n, e * per), in, out, dy, dyo, out, 1, b, dx, dxo, in));
    }

    /** {@code dw[o*in + i] += Σ_t dy[dyo + t*out + o] · x[xo + t*in + i]}: the weight gradient. */
    void backwardWeight(float[] dy, int dyo, int n, int out, float[] x, int xo, int in, float[] dw) {
        float[] b = pack(x, xo, in, 1, n, in);
        int per = rowsPerPiece(out);
        pool.forRange(pieces(out, per), (worker, s, e) ->
                Gemm.mulAddPacked(s * per, Math.min(out, e * per), in, n, dy, dyo, 1, out, b, dw, 0, in));
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
