package dev.colossus.train.model;

import dev.colossus.engine.tensor.Parallel;

import java.util.Arrays;

/**
 * The three products of a bias-free linear layer {@code Y = X·Wᵀ} over {@code n} rows, with the weight {@code W}
 * stored as GGUF does ({@code out} rows of {@code in} floats), split across a thread pool by rows of the output.
 * <p>Thread safety: calls are serialised by the pool; not for concurrent use on the same outputs.
 */
final class Linear {
    /** Output rows per piece of work handed to a thread. */
    private static final int ROWS_PER_ITEM = 4 * Gemm.MR;

    private final Parallel pool;

    Linear(Parallel pool) {
        this.pool = pool;
    }

    /**
     * {@code y[yo + t*out + o] (+)= Σ_i x[xo + t*in + i] · w[o*in + i]} for {@code t < n}; overwrites {@code y}
     * unless {@code accumulate}.
     */
    void forward(float[] x, int xo, int n, int in, float[] w, int out, float[] y, int yo, boolean accumulate) {
        pool.forRange(items(n), (worker, s, e) -> {
            int m0 = s * ROWS_PER_ITEM, m1 = Math.min(n, e * ROWS_PER_ITEM);
            if (!accumulate) Arrays.fill(y, yo + m0 * out, yo + m1 * out, 0f);
            Gemm.mulAdd(m0, m1, out, in, x, xo, in, 1, w, 0, 1, in, y, yo, out);
        });
    }

    /** {@code dx[dxo + t*in + i] += Σ_o dy[dyo + t*out + o] · w[o*in + i]}: the input gradient. */
    void backwardInput(float[] dy, int dyo, int n, int out, float[] w, int in, float[] dx, int dxo) {
        pool.forRange(items(n), (worker, s, e) ->
                Gemm.mulAdd(s * ROWS_PER_ITEM, Math.min(n, e * ROWS_PER_ITEM), in, out,
                        dy, dyo, out, 1, w, 0, in, 1, dx, dxo, in));
    }

    /** {@code dw[o*in + i] += Σ_t dy[dyo + t*out + o] · x[xo + t*in + i]}: the weight gradient. */
    void backwardWeight(float[] dy, int dyo, int n, int out, float[] x, int xo, int in, float[] dw) {
        pool.forRange(items(out), (worker, s, e) ->
                Gemm.mulAdd(s * ROWS_PER_ITEM, Math.min(out, e * ROWS_PER_ITEM), in, n,
                        dy, dyo, 1, out, x, xo, in, 1, dw, 0, in));
    }

    private static int items(int rows) {
        return (rows + ROWS_PER_ITEM - 1) / ROWS_PER_ITEM;
    }
}
