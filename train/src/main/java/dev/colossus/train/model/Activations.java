package dev.colossus.train.model;

/**
 * The buffers of one forward and backward pass over {@code tokens = batch * seqLen} positions: what each layer keeps
 * for its backward pass, and the gradient scratch, allocated once per batch shape and reused step after step.
 */
final class Activations {
    final int batch;
    final int seqLen;
    final int tokens;
    /** Input of each block and, at {@code [layers]}, the final residual stream. */
    final float[][] residual;
    /** Residual stream between each block's attention and feed-forward halves. */
    final float[][] middle;
    final float[][] attnNormed;
    final float[][] attnRstd;
    /** Queries and keys after RoPE, values. */
    final float[][] q;
    final float[][] k;
    final float[][] v;
    final float[][] attnOut;
    final float[][] attnLse;
    final float[][] ffnNormed;
    final float[][] ffnRstd;
    final float[][] gate;
    final float[][] up;
    final float[] finalNormed;
    final float[] finalRstd;
    /** SwiGLU output in the forward pass, its gradient in the backward pass. */
    final float[] hidden;
    final float[] logits;
    final int logitRows;
    final float[] dResidual;
    final float[] dNormed;
    final float[] dAttnOut;
    final float[] dq;
    final float[] dk;
    final float[] dv;

    Activations(LlamaShape s, int batch, int seqLen, int logitRows) {
        this.batch = batch;
        this.seqLen = seqLen;
        this.tokens = batch * seqLen;
        int n = tokens, d = s.dim(), kv = s.kvDim(), layers = s.layers();
        residual = new float[layers + 1][n * d];
        middle = new float[layers][n * d];
        attnNormed = new float[layers][n * d];
        attnRstd = new float[layers][n];
        q = new float[layers][n * d];
        k = new float[layers][n * kv];
        v = new float[layers][n * kv];
        attnOut = new float[layers][n * d];
        attnLse = new float[layers][batch * s.heads() * seqLen];
        ffnNormed = new float[layers][n * d];
        ffnRstd = new float[layers][n];
        gate = new float[layers][n * s.ffn()];
        up = new float[layers][n * s.ffn()];
        finalNormed = new float[n * d];
        finalRstd = new float[n];
        hidden = new float[n * s.ffn()];
        this.logitRows = logitRows;
        logits = new float[logitRows * s.vocab()];
        dResidual = new float[n * d];
        dNormed = new float[n * d];
        dAttnOut = new float[n * d];
        dq = new float[n * d];
        dk = new float[n * kv];
        dv = new float[n * kv];
    }
}
