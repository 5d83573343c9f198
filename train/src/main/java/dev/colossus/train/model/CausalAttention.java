package dev.colossus.train.model;

import dev.colossus.engine.tensor.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Grouped-query causal self-attention over a batch of sequences, forward and backward, with
 * {@code softmax(q·kᵀ / sqrt(headDim))} over positions {@code j ≤ t}. The forward pass keeps only each row's
 * log-sum-exp; the backward pass recomputes the probabilities from it (as FlashAttention does), so no
 * {@code T × T} matrix per head outlives its computation.
 * <p>Work is split across the pool by (sequence, KV head), so the key and value gradients of a KV head are written by
 * one thread. Rows are processed in blocks of {@value #BLOCK} so that only the causal part is multiplied.
 * <p>Thread safety: one call at a time (scratch buffers are per worker of this instance).
 */
final class CausalAttention {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int BLOCK = 48;

    private final Parallel pool;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final float scale;
    private float[][] scores = new float[0][];
    private float[][] scoreGrads = new float[0][];
    /** Per worker: the keys and the values of the KV head at hand, transposed and packed for {@link Gemm}. */
    private float[][] packedKeys = new float[0][];
    private float[][] packedValues = new float[0][];

    CausalAttention(Parallel pool, int heads, int kvHeads, int headDim) {
        this.pool = pool;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
    }

    private void ensureScratch(int seqLen) {
        int size = seqLen * seqLen, packed = Gemm.packedSize(headDim, seqLen);
        if (scores.length != pool.threads() || scores[0].length < size || packedKeys[0].length < packed) {
            scores = new float[pool.threads()][size];
            scoreGrads = new float[pool.threads()][size];
            packedKeys = new float[pool.threads()][packed];
            packedValues = new float[pool.threads()][packed];
        }
    }

    /**
     * {@code out = attention(q, k, v)} for {@code batch} sequences of {@code seqLen} rows ({@code q}, {@code out}:
     * rows of {@code heads * headDim}; {@code k}, {@code v}: rows of {@code kvHeads * headDim}); writes each row's
     * log-sum-exp of the scaled scores into {@code lse[(b*heads + h)*seqLen + t]}.
     */
    void forward(float[] q, float[] k, float[] v, int batch, int seqLen, float[] out, float[] lse) {
        int qDim = heads * headDim, kvDim = kvHeads * headDim;
        Arrays.fill(out, 0, batch * seqLen * qDim, 0f);
        forEachBlock(q, k, null, batch, seqLen, (worker, s, qo, ko, lo, m0, m1) -> {
            for (int t = m0; t < m1; t++) lse[lo + t] = softmaxRow(s, t * seqLen, t + 1, m1);
            Gemm.mulAdd(m0, m1, headDim, m1, s, 0, seqLen, 1, v, ko, kvDim, 1, out, qo, qDim);
        });
    }

    /**
     * Adds the gradients of {@code q}, {@code k}, {@code v} to {@code dq}, {@code dk}, {@code dv} given the
     * forward pass's inputs, output, log-sum-exps and the output gradient {@code dOut}.
     */
    void backward(float[] q, float[] k, float[] v, float[] out, float[] lse, float[] dOut, int batch, int seqLen,
                  float[] dq, float[] dk, float[] dv) {
        int qDim = heads * headDim, kvDim = kvHeads * headDim;
        forEachBlock(q, k, v, batch, seqLen, (worker, p, qo, ko, lo, m0, m1) -> {
            float[] dp = scoreGrads[worker];
            for (int t = m0; t < m1; t++) probabilities(p, t * seqLen, t + 1, m1, lse[lo + t]);
            for (int t = m0; t < m1; t++) Arrays.fill(dp, t * seqLen, t * seqLen + m1, 0f);
            Gemm.mulAddPacked(m0, m1, m1, headDim, dOut, qo, qDim, 1, packedValues[worker], dp, 0, seqLen);
            for (int t = m0; t < m1; t++) {
                int r = qo + t * qDim;
                float d = dot(dOut, r, out, r, headDim);
                scoreGradientRow(p, dp, t * seqLen, t + 1, m1, d);
            }
            // rows t of this block against keys j < m1
            Gemm.mulAdd(m0, m1, headDim, m1, dp, 0, seqLen, 1, k, ko, kvDim, 1, dq, qo, qDim);
            Gemm.mulAdd(0, m1, headDim, m1 - m0, p, m0 * seqLen, 1, seqLen,
                    dOut, qo + m0 * qDim, qDim, 1, dv, ko, kvDim);
            Gemm.mulAdd(0, m1, headDim, m1 - m0, dp, m0 * seqLen, 1, seqLen,
                    q, qo + m0 * qDim, qDim, 1, dk, ko, kvDim);
        });
    }

    /**
     * Runs {@code block} on each block of rows of each (sequence, head), split across the pool by (sequence, KV
     * head), with the block's raw scores against keys {@code [0, m1)} already in the worker's score scratch. The KV
     * head's keys (and its values, unless {@code v} is null) are transposed and packed once, into the worker's
     * {@link #packedKeys} and {@link #packedValues}, for all its heads and blocks: a block's products use the first
     * {@code m1} columns.
     */
    private void forEachBlock(float[] q, float[] k, float[] v, int batch, int seqLen, Block block) {
        ensureScratch(seqLen);
        int qDim = heads * headDim, kvDim = kvHeads * headDim, group = heads / kvHeads, strips = Gemm.strips(seqLen);
        pool.forRange(batch * kvHeads, (worker, start, end) -> {
            float[] s = scores[worker], keys = packedKeys[worker];
            for (int item = start; item < end; item++) {
                int b = item / kvHeads, kvh = item % kvHeads;
                int ko = b * seqLen * kvDim + kvh * headDim;
                Gemm.packAll(k, ko, 1, kvDim, headDim, seqLen, 0, strips, keys);
                if (v != null) Gemm.packAll(v, ko, 1, kvDim, headDim, seqLen, 0, strips, packedValues[worker]);
                for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                    int qo = b * seqLen * qDim + h * headDim;
                    int lo = (b * heads + h) * seqLen;
                    for (int m0 = 0; m0 < seqLen; m0 += BLOCK) {
                        int m1 = Math.min(seqLen, m0 + BLOCK);
                        for (int t = m0; t < m1; t++) Arrays.fill(s, t * seqLen, t * seqLen + m1, 0f);
                        Gemm.mulAddPacked(m0, m1, m1, headDim, q, qo, qDim, 1, keys, s, 0, seqLen);
                        block.run(worker, s, qo, ko, lo, m0, m1);
                    }
                }
            }
        });
    }

    /** The work on rows {@code [m0, m1)} of the head at {@code qo}, against the KV head at {@code ko}. */
    @FunctionalInterface
    private interface Block {
        /**
         * @param s  the worker's score scratch, holding the block's raw scores (row {@code t} at {@code t * seqLen})
         * @param lo offset of the head's row 0 in the log-sum-exp array
         */
        void run(int worker, float[] s, int qo, int ko, int lo, int m0, int m1);
    }

    /** Softmax of the scaled scores {@code s[o .. o+n)} in place, zeros up to {@code o+width}; returns the lse. */
    private float softmaxRow(float[] s, int o, int n, int width) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) max = Math.max(max, s[o + j] * scale);
        float sum = expShifted(s, o, n, scale, max);
        float inv = 1f / sum;
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += F.length()) {
            FloatVector.fromArray(F, s, o + j).mul(inv).intoArray(s, o + j);
        }
        for (; j < n; j++) s[o + j] *= inv;
        Arrays.fill(s, o + n, o + width, 0f);
        return max + (float) Math.log(sum);
    }

    /** {@code p = exp(s·scale − lse)} over {@code [o, o+n)}, zeros up to {@code o+width}. */
    private void probabilities(float[] s, int o, int n, int width, float lse) {
        expShifted(s, o, n, scale, lse);
        Arrays.fill(s, o + n, o + width, 0f);
    }

    /** {@code s = exp(s·mul − shift)} in place over {@code [o, o+n)}; returns the sum. */
    static float expShifted(float[] s, int o, int n, float mul, float shift) {
        int j = 0;
        FloatVector acc = FloatVector.zero(F);
        for (int bound = F.loopBound(n); j < bound; j += F.length()) {
            FloatVector e = ReproducibleVectors.exp(FloatVector.fromArray(F, s, o + j).mul(mul).sub(shift));
            e.intoArray(s, o + j);
            acc = acc.add(e);
        }
        float sum = ReproducibleVectors.sum(acc);
        for (; j < n; j++) {
            float e = (float) Math.exp(s[o + j] * mul - shift);
            s[o + j] = e;
            sum += e;
        }
        return sum;
    }

    /** {@code dp = p · (dp − d) · scale} over {@code [o, o+n)}, zeros up to {@code o+width}. */
    private void scoreGradientRow(float[] p, float[] dp, int o, int n, int width, float d) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += F.length()) {
            FloatVector pv = FloatVector.fromArray(F, p, o + j);
            pv.mul(FloatVector.fromArray(F, dp, o + j).sub(d)).mul(scale).intoArray(dp, o + j);
        }
        for (; j < n; j++) dp[o + j] = p[o + j] * (dp[o + j] - d) * scale;
        Arrays.fill(dp, o + n, o + width, 0f);
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }
}
