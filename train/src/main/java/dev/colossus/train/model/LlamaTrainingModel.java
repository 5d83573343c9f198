package dev.colossus.train.model;

import dev.colossus.engine.tensor.Parallel;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Forward and backward passes of a llama model in float32: token embedding, per block RMSNorm, Q/K/V projections,
 * RoPE on adjacent pairs, grouped-query causal attention, output projection and residual, RMSNorm, SwiGLU
 * feed-forward and residual; final RMSNorm, output projection and mean cross-entropy.
 * <p>Inputs are {@code batch} sequences of {@code seqLen} token ids laid out back to back ({@code inputs[b*seqLen +
 * t]}), each starting at position 0; {@code targets} has the same layout. A target of {@link #IGNORE} is left out
 * of the loss (for chat fine-tuning, everything but the assistant's turns); the loss is the mean over the others.
 * <p>The weights come as {@link Parameters} (every tensor trained, gradients into a {@code Parameters} of the same
 * shape) or as any {@link LlamaWeights}, for instance a frozen, quantized base with trained low-rank adapters.
 * <p>The model owns a pool of {@code threads} threads (the caller counts as one) and activation buffers sized for
 * the largest batch seen, reused from step to step; {@link #close()} stops the threads.
 * <p>Thread safety: not thread-safe; one pass at a time.
 */
public final class LlamaTrainingModel implements AutoCloseable {
    /** A target that contributes nothing to the loss or the gradients. */
    public static final int IGNORE = -1;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /**
     * Upper bound on the floats of the logits computed at once (positions are processed in chunks): 32 MB, so that
     * a batch of a few thousand positions over a small vocabulary is one chunk, whose output matrix is packed once
     * for each of its three products rather than once per chunk.
     */
    private static final int LOGIT_FLOATS = 1 << 23;

    private final LlamaShape shape;
    private final Parallel pool;
    private final Linear linear;
    private final CausalAttention attention;
    /**
     * Partial sums of the RMSNorm weight gradients, one per fixed run of {@link #NORM_ROWS} rows (never per worker:
     * which worker takes which rows depends on timing, and the sums must not, or a resumed run would drift).
     */
    private float[][] normGradPartials = new float[0][];
    private double[] rowLosses = new double[0];
    private Rope rope;
    private Activations acts;

    /**
     * A model of {@code shape} computing on {@code threads} threads.
     *
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public LlamaTrainingModel(LlamaShape shape, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.shape = shape;
        this.pool = new Parallel(threads);
        this.linear = new Linear(pool);
        this.attention = new CausalAttention(pool, shape.heads(), shape.kvHeads(), shape.headDim());
    }

    public LlamaShape shape() {
        return shape;
    }

    /**
     * Runs the forward and backward passes, adds the gradient of the mean loss to {@code grads} (which the caller
     * zeroes between optimizer steps; several calls accumulate) and returns the mean cross-entropy over the targets
     * that are not {@link #IGNORE}. When every target is ignored, returns 0 and adds nothing.
     *
     * @throws IllegalArgumentException when the arrays do not hold {@code batch * seqLen} entries, {@code seqLen}
     *                                  exceeds the context, a token id is out of range, or the parameters are of
     *                                  another shape
     */
    public float forwardBackward(int[] inputs, int[] targets, int batch, int seqLen, Parameters params,
                                 Parameters grads) {
        if (!grads.shape().equals(shape)) throw new IllegalArgumentException("gradients are of another shape");
        return forwardBackward(inputs, targets, batch, seqLen, LlamaWeights.of(params, grads));
    }

    /**
     * {@link #forwardBackward(int[], int[], int, int, Parameters, Parameters)} on any weights: the gradients go
     * where {@code weights} puts them (only its trained parts get any).
     */
    public float forwardBackward(int[] inputs, int[] targets, int batch, int seqLen, LlamaWeights weights) {
        return forwardBackward(inputs, targets, batch, seqLen, weights, GradientsReady.NONE);
    }

    /**
     * {@link #forwardBackward(int[], int[], int, int, LlamaWeights)}, telling {@code ready} of each part of the model
     * as soon as its gradients are final (see {@link GradientsReady}).
     */
    public float forwardBackward(int[] inputs, int[] targets, int batch, int seqLen, LlamaWeights weights,
                                 GradientsReady ready) {
        return forwardBackward(inputs, targets, batch, seqLen, weights, countTargets(targets), ready);
    }

    /**
     * {@link #forwardBackward(int[], int[], int, int, LlamaWeights, GradientsReady)} for one share of a larger
     * batch: the losses of this call's targets are summed and divided by {@code meanOver}, the targets of the whole
     * batch, and so are their gradients. Data-parallel ranks that each pass their share and the global count end
     * with parts of the mean loss and of its gradient that only need summing, scaled exactly as one process scales
     * the whole batch. Returns this share's part of the mean (0, adding nothing, when it has no target).
     *
     * @throws IllegalArgumentException as the other overloads, or when {@code meanOver} is less than this call's
     *                                  own targets
     */
    public float forwardBackward(int[] inputs, int[] targets, int batch, int seqLen, LlamaWeights weights,
                                 int meanOver, GradientsReady ready) {
        check(inputs, targets, batch, seqLen, weights);
        int count = countTargets(targets);
        if (meanOver < count) {
            throw new IllegalArgumentException("the batch's " + meanOver + " targets cannot be fewer than this share's "
                    + count);
        }
        forward(inputs, batch, seqLen, weights);
        if (count == 0) return 0f;
        float loss = head(targets, weights, true, 1f / meanOver) / meanOver;
        backward(inputs, weights, ready);
        return loss;
    }

    /**
     * The mean cross-entropy of the forward pass only (validation); same contract as {@link #forwardBackward}
     * without gradients.
     */
    public float evaluate(int[] inputs, int[] targets, int batch, int seqLen, Parameters params) {
        return evaluate(inputs, targets, batch, seqLen, LlamaWeights.of(params, null));
    }

    /** {@link #evaluate(int[], int[], int, int, Parameters)} on any weights. */
    public float evaluate(int[] inputs, int[] targets, int batch, int seqLen, LlamaWeights weights) {
        check(inputs, targets, batch, seqLen, weights);
        forward(inputs, batch, seqLen, weights);
        int count = countTargets(targets);
        return count == 0 ? 0f : head(targets, weights, false, 1f / count) / count;
    }

    /** The logits of every position, {@code [b*seqLen + t][vocab]} flattened (a new array). */
    public float[] logits(int[] inputs, int batch, int seqLen, Parameters params) {
        return logits(inputs, batch, seqLen, LlamaWeights.of(params, null));
    }

    /** {@link #logits(int[], int, int, Parameters)} on any weights. */
    public float[] logits(int[] inputs, int batch, int seqLen, LlamaWeights weights) {
        check(inputs, null, batch, seqLen, weights);
        forward(inputs, batch, seqLen, weights);
        float[] out = new float[batch * seqLen * shape.vocab()];
        outputMatrix(weights).forward(linear, acts.finalNormed, 0, batch * seqLen, out, 0, false);
        return out;
    }

    @Override
    public void close() {
        pool.close();
    }

    private void check(int[] inputs, int[] targets, int batch, int seqLen, LlamaWeights params) {
        if (batch < 1 || seqLen < 1) {
            throw new IllegalArgumentException("batch and sequence length must be positive, got " + batch + " x " + seqLen);
        }
        if (seqLen > shape.context()) {
            throw new IllegalArgumentException("sequence length " + seqLen + " exceeds the context " + shape.context());
        }
        int n = batch * seqLen;
        if (inputs.length != n) throw new IllegalArgumentException("expected " + n + " inputs, got " + inputs.length);
        if (targets != null && targets.length != n) {
            throw new IllegalArgumentException("expected " + n + " targets, got " + targets.length);
        }
        for (int i = 0; i < n; i++) {
            if (inputs[i] < 0 || inputs[i] >= shape.vocab()) {
                throw new IllegalArgumentException("input token " + inputs[i] + " at " + i + " is outside the vocabulary of "
                        + shape.vocab());
            }
            if (targets != null && targets[i] != IGNORE && (targets[i] < 0 || targets[i] >= shape.vocab())) {
                throw new IllegalArgumentException("target token " + targets[i] + " at " + i
                        + " is outside the vocabulary of " + shape.vocab());
            }
        }
        if (!params.shape().equals(shape)) throw new IllegalArgumentException("parameters are of another shape");
    }

    private static int countTargets(int[] targets) {
        int c = 0;
        for (int t : targets) if (t != IGNORE) c++;
        return c;
    }

    private Projection outputMatrix(LlamaWeights p) {
        return p.matrix(shape.tiedEmbeddings() ? "token_embd.weight" : "output.weight");
    }

    private static String blk(int l, String name) {
        return "blk." + l + "." + name + ".weight";
    }

    private void forward(int[] inputs, int batch, int seqLen, LlamaWeights p) {
        int n = batch * seqLen, d = shape.dim(), ffn = shape.ffn();
        if (acts == null || acts.batch != batch || acts.seqLen != seqLen) {
            acts = null;
            acts = new Activations(shape, batch, seqLen, Math.max(1, Math.min(n, LOGIT_FLOATS / shape.vocab())));
        }
        if (rope == null || rope.positions() < seqLen) rope = new Rope(shape.headDim(), seqLen, shape.ropeTheta());
        Activations a = acts;
        for (int t = 0; t < n; t++) p.embed(inputs[t], a.residual[0], t * d);
        float eps = shape.normEps();
        for (int l = 0; l < shape.layers(); l++) {
            float[] x = a.residual[l], xn = a.attnNormed[l], rstd = a.attnRstd[l];
            float[] gAttn = p.vector(blk(l, "attn_norm"));
            pool.forRange(n, (w, s, e) -> {
                for (int t = s; t < e; t++) rstd[t] = RmsNorm.forward(x, t * d, gAttn, eps, d, xn);
            });
            float[] q = a.q[l], k = a.k[l], v = a.v[l];
            p.matrix(blk(l, "attn_q")).forward(linear, xn, 0, n, q, 0, false);
            p.matrix(blk(l, "attn_k")).forward(linear, xn, 0, n, k, 0, false);
            p.matrix(blk(l, "attn_v")).forward(linear, xn, 0, n, v, 0, false);
            rotate(q, k, n, seqLen, false);
            attention.forward(q, k, v, batch, seqLen, a.attnOut[l], a.attnLse[l]);
            float[] mid = a.middle[l];
            System.arraycopy(x, 0, mid, 0, n * d);
            p.matrix(blk(l, "attn_output")).forward(linear, a.attnOut[l], 0, n, mid, 0, true);
            float[] xn2 = a.ffnNormed[l], rstd2 = a.ffnRstd[l];
            float[] gFfn = p.vector(blk(l, "ffn_norm"));
            pool.forRange(n, (w, s, e) -> {
                for (int t = s; t < e; t++) rstd2[t] = RmsNorm.forward(mid, t * d, gFfn, eps, d, xn2);
            });
            p.matrix(blk(l, "ffn_gate")).forward(linear, xn2, 0, n, a.gate[l], 0, false);
            p.matrix(blk(l, "ffn_up")).forward(linear, xn2, 0, n, a.up[l], 0, false);
            swiglu(a.gate[l], a.up[l], a.hidden, n * ffn);
            float[] next = a.residual[l + 1];
            System.arraycopy(mid, 0, next, 0, n * d);
            p.matrix(blk(l, "ffn_down")).forward(linear, a.hidden, 0, n, next, 0, true);
        }
        float[] x = a.residual[shape.layers()], g = p.vector("output_norm.weight");
        pool.forRange(n, (w, s, e) -> {
            for (int t = s; t < e; t++) a.finalRstd[t] = RmsNorm.forward(x, t * d, g, eps, d, a.finalNormed);
        });
    }

    /**
     * Output projection and cross-entropy in chunks of positions; with {@code grads}, also the output weight's
     * gradient and, in {@code dNormed}, the gradient of the final normalized stream. Returns the summed loss.
     */
    private float head(int[] targets, LlamaWeights p, boolean gradients, float gradScale) {
        Activations a = acts;
        int n = a.tokens, d = shape.dim(), vocab = shape.vocab();
        Projection wOut = outputMatrix(p);
        if (gradients) Arrays.fill(a.dNormed, 0f);
        double loss = 0;
        for (int c0 = 0; c0 < n; c0 += a.logitRows) {
            int rows = Math.min(a.logitRows, n - c0), first = c0;
            wOut.forward(linear, a.finalNormed, c0 * d, rows, a.logits, 0, false);
            if (rowLosses.length < rows) rowLosses = new double[rows];
            double[] losses = rowLosses;
            pool.forRange(rows, (w, s, e) -> {
                for (int r = s; r < e; r++) {
                    int target = targets[first + r];
                    if (target == IGNORE) {
                        Arrays.fill(a.logits, r * vocab, (r + 1) * vocab, 0f);
                        losses[r] = 0;
                    } else {
                        losses[r] = CrossEntropy.lossAndGradient(a.logits, r * vocab, vocab, target, gradScale);
                    }
                }
            });
            // Summed in row order, so the loss does not depend on how the rows were shared among the threads.
            for (int r = 0; r < rows; r++) loss += losses[r];
            if (gradients) {
                wOut.backwardInput(linear, a.logits, 0, rows, a.dNormed, c0 * d);
                wOut.backwardWeight(linear, a.logits, 0, rows, a.finalNormed, c0 * d);
            }
        }
        return (float) loss;
    }

    private void backward(int[] inputs, LlamaWeights p, GradientsReady ready) {
        Activations a = acts;
        int n = a.tokens, d = shape.dim(), ffn = shape.ffn();
        float[] dx = a.dResidual, dxn = a.dNormed;
        Arrays.fill(dx, 0f);
        normBackward(a.residual[shape.layers()], p.vector("output_norm.weight"), a.finalRstd, dxn,
                p.vectorGradient("output_norm.weight"), dx, n);
        ready.ready(new ModelPart.Head());
        for (int l = shape.layers() - 1; l >= 0; l--) {
            float[] gate = a.gate[l], up = a.up[l], hidden = a.hidden;
            swiglu(gate, up, hidden, n * ffn);
            p.matrix(blk(l, "ffn_down")).backwardWeight(linear, dx, 0, n, hidden, 0);
            Arrays.fill(hidden, 0f);
            p.matrix(blk(l, "ffn_down")).backwardInput(linear, dx, 0, n, hidden, 0);
            swigluBackward(gate, up, hidden, n * ffn);
            p.matrix(blk(l, "ffn_gate")).backwardWeight(linear, gate, 0, n, a.ffnNormed[l], 0);
            p.matrix(blk(l, "ffn_up")).backwardWeight(linear, up, 0, n, a.ffnNormed[l], 0);
            Arrays.fill(dxn, 0f);
            p.matrix(blk(l, "ffn_gate")).backwardInput(linear, gate, 0, n, dxn, 0);
            p.matrix(blk(l, "ffn_up")).backwardInput(linear, up, 0, n, dxn, 0);
            normBackward(a.middle[l], p.vector(blk(l, "ffn_norm")), a.ffnRstd[l], dxn, p.vectorGradient(blk(l, "ffn_norm")), dx, n);

            p.matrix(blk(l, "attn_output")).backwardWeight(linear, dx, 0, n, a.attnOut[l], 0);
            Arrays.fill(a.dAttnOut, 0f);
            p.matrix(blk(l, "attn_output")).backwardInput(linear, dx, 0, n, a.dAttnOut, 0);
            Arrays.fill(a.dq, 0f);
            Arrays.fill(a.dk, 0f);
            Arrays.fill(a.dv, 0f);
            attention.backward(a.q[l], a.k[l], a.v[l], a.attnOut[l], a.attnLse[l], a.dAttnOut, a.batch, a.seqLen,
                    a.dq, a.dk, a.dv);
            rotate(a.dq, a.dk, n, a.seqLen, true);
            float[] xn = a.attnNormed[l];
            p.matrix(blk(l, "attn_q")).backwardWeight(linear, a.dq, 0, n, xn, 0);
            p.matrix(blk(l, "attn_k")).backwardWeight(linear, a.dk, 0, n, xn, 0);
            p.matrix(blk(l, "attn_v")).backwardWeight(linear, a.dv, 0, n, xn, 0);
            Arrays.fill(dxn, 0f);
            p.matrix(blk(l, "attn_q")).backwardInput(linear, a.dq, 0, n, dxn, 0);
            p.matrix(blk(l, "attn_k")).backwardInput(linear, a.dk, 0, n, dxn, 0);
            p.matrix(blk(l, "attn_v")).backwardInput(linear, a.dv, 0, n, dxn, 0);
            normBackward(a.residual[l], p.vector(blk(l, "attn_norm")), a.attnRstd[l], dxn, p.vectorGradient(blk(l, "attn_norm")),
                    dx, n);
            ready.ready(new ModelPart.Block(l));
        }
        for (int t = 0; t < n; t++) p.addEmbeddingGradient(inputs[t], dx, t * d);
        ready.ready(new ModelPart.Embedding());
    }

    /**
     * RMSNorm backward over all rows: weight gradient into {@code dg} (unless null: a frozen weight), input gradient
     * added to {@code dx}.
     */
    private void normBackward(float[] x, float[] g, float[] rstd, float[] dy, float[] dg, float[] dx, int n) {
        int d = shape.dim(), runs = (n + NORM_ROWS - 1) / NORM_ROWS;
        if (normGradPartials.length < runs) normGradPartials = new float[runs][d];
        float[][] partials = normGradPartials;
        pool.forRange(runs, (w, s, e) -> {
            for (int run = s; run < e; run++) {
                Arrays.fill(partials[run], 0f);
                for (int t = run * NORM_ROWS, end = Math.min(n, t + NORM_ROWS); t < end; t++) {
                    RmsNorm.backward(x, t * d, g, rstd[t], d, dy, partials[run], dx);
                }
            }
        });
        if (dg != null) for (int run = 0; run < runs; run++) for (int i = 0; i < d; i++) dg[i] += partials[run][i];
    }

    private void rotate(float[] q, float[] k, int n, int seqLen, boolean inverse) {
        int d = shape.dim(), kv = shape.kvDim();
        pool.forRange(n, (w, s, e) -> {
            for (int t = s; t < e; t++) {
                rope.apply(q, t * d, shape.heads(), t % seqLen, inverse);
                rope.apply(k, t * kv, shape.kvHeads(), t % seqLen, inverse);
            }
        });
    }

    /** {@code out = silu(gate) * up}. */
    private void swiglu(float[] gate, float[] up, float[] out, int count) {
        pool.forRange(blocks(count), (w, s, e) -> {
            int from = s * SIMD_BLOCK, to = Math.min(count, e * SIMD_BLOCK);
            int i = from;
            for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
                FloatVector g = FloatVector.fromArray(F, gate, i);
                FloatVector sig = ONE.div(ReproducibleVectors.exp(g.neg()).add(1f));
                g.mul(sig).mul(FloatVector.fromArray(F, up, i)).intoArray(out, i);
            }
            for (; i < to; i++) out[i] = gate[i] / (1f + (float) Math.exp(-gate[i])) * up[i];
        });
    }

    /** Given {@code dOut} (in {@code dh}), overwrites {@code gate} and {@code up} with their gradients. */
    private void swigluBackward(float[] gate, float[] up, float[] dh, int count) {
        pool.forRange(blocks(count), (w, s, e) -> {
            int from = s * SIMD_BLOCK, to = Math.min(count, e * SIMD_BLOCK);
            int i = from;
            for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
                FloatVector g = FloatVector.fromArray(F, gate, i);
                FloatVector u = FloatVector.fromArray(F, up, i);
                FloatVector dy = FloatVector.fromArray(F, dh, i);
                FloatVector sig = ONE.div(ReproducibleVectors.exp(g.neg()).add(1f));
                FloatVector silu = g.mul(sig);
                // d silu / dg = sig * (1 + g * (1 - sig))
                FloatVector dSilu = sig.mul(g.mul(sig.neg().add(1f)).add(1f));
                dy.mul(u).mul(dSilu).intoArray(gate, i);
                dy.mul(silu).intoArray(up, i);
            }
            for (; i < to; i++) {
                float g = gate[i], sig = 1f / (1f + (float) Math.exp(-g));
                gate[i] = dh[i] * up[i] * sig * (1f + g * (1f - sig));
                up[i] = dh[i] * g * sig;
            }
        });
    }

    private static final int SIMD_BLOCK = 4096;
    private static final int NORM_ROWS = 64;
    private static final FloatVector ONE = FloatVector.broadcast(F, 1f);

    private static int blocks(int count) {
        return (count + SIMD_BLOCK - 1) / SIMD_BLOCK;
    }
}
