package dev.colossus.train.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * RMSNorm of one row, {@code y = x · r · g} with {@code r = 1 / sqrt(mean(x²) + eps)}, and its backward pass.
 * Stateless.
 */
final class RmsNorm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private RmsNorm() {
    }

    /** Writes {@code y[o..o+n)} and returns {@code r} (kept for the backward pass). */
    static float forward(float[] x, int o, float[] g, float eps, int n, float[] y) {
        int i = 0;
        FloatVector acc = FloatVector.zero(F);
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, o + i);
            acc = v.fma(v, acc);
        }
        float ss = ReproducibleVectors.sum(acc);
        for (; i < n; i++) ss += x[o + i] * x[o + i];
        float r = (float) (1.0 / Math.sqrt(ss / n + eps));
        i = 0;
        for (int bound = F.loopBound(n); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, o + i).mul(r).mul(FloatVector.fromArray(F, g, i)).intoArray(y, o + i);
        }
        for (; i < n; i++) y[o + i] = x[o + i] * r * g[i];
        return r;
    }

    /**
     * Given {@code dy} for the row at {@code o}: adds {@code dy · x · r} to {@code dg} and the input gradient
     * {@code r · (dy·g − x̂ · mean(dy·g·x̂))} (with {@code x̂ = x · r}) to {@code dx}.
     */
    static void backward(float[] x, int o, float[] g, float r, int n, float[] dy, float[] dg, float[] dx) {
        int i = 0;
        FloatVector acc = FloatVector.zero(F);
        int bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector xh = FloatVector.fromArray(F, x, o + i).mul(r);
            FloatVector d = FloatVector.fromArray(F, dy, o + i);
            FloatVector.fromArray(F, dg, i).add(d.mul(xh)).intoArray(dg, i);
            acc = d.mul(FloatVector.fromArray(F, g, i)).fma(xh, acc);
        }
        float dot = ReproducibleVectors.sum(acc);
        for (; i < n; i++) {
            float xh = x[o + i] * r;
            dg[i] += dy[o + i] * xh;
            dot += dy[o + i] * g[i] * xh;
        }
        float mean = dot / n;
        for (i = 0; i < bound; i += F.length()) {
            FloatVector xh = FloatVector.fromArray(F, x, o + i).mul(r);
            FloatVector dxh = FloatVector.fromArray(F, dy, o + i).mul(FloatVector.fromArray(F, g, i));
            FloatVector.fromArray(F, dx, o + i).add(dxh.sub(xh.mul(mean)).mul(r)).intoArray(dx, o + i);
        }
        for (; i < n; i++) {
            float xh = x[o + i] * r;
            dx[o + i] += (dy[o + i] * g[i] - xh * mean) * r;
        }
    }
}
