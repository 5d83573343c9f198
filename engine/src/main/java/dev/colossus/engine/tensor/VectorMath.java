package dev.colossus.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vectorised float-array primitives shared by the kernels and the model's forward pass. Stateless. */
public final class VectorMath {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F128 = FloatVector.SPECIES_128;

    private VectorMath() {
    }

    /** {@code a[ao..ao+n) · b[bo..bo+n)}. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= F.length()) {
            FloatVector acc = FloatVector.zero(F);
            int bound = F.loopBound(n);
            for (; i < bound; i += F.length()) {
                acc = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        if (n - i >= F128.length()) {
            FloatVector acc = FloatVector.zero(F128);
            int bound = i + F128.loopBound(n - i);
            for (; i < bound; i += F128.length()) {
                acc = FloatVector.fromArray(F128, a, ao + i).fma(FloatVector.fromArray(F128, b, bo + i), acc);
            }
            sum += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) sum += a[ao + i] * b[bo + i];
        return sum;
    }

    /** {@code out[oo..oo+n) += s * x[xo..xo+n)}. */
    public static void axpy(float[] out, int oo, float s, float[] x, int xo, int n) {
        int i = 0;
        if (n >= F.length()) {
            FloatVector sv = FloatVector.broadcast(F, s);
            int bound = F.loopBound(n);
            for (; i < bound; i += F.length()) {
                FloatVector.fromArray(F, x, xo + i).fma(sv, FloatVector.fromArray(F, out, oo + i))
                        .intoArray(out, oo + i);
            }
        }
        for (; i < n; i++) out[oo + i] += s * x[xo + i];
    }

    /** {@code out[oo..oo+n) += x[xo..xo+n)}. */
    public static void add(float[] out, int oo, float[] x, int xo, int n) {
        int i = 0;
        int bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector.fromArray(F, out, oo + i).add(FloatVector.fromArray(F, x, xo + i)).intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] += x[xo + i];
    }

    /**
     * RMSNorm as llama.cpp computes it: {@code out = x / sqrt(mean(x²) + eps) * weight}, the sum of squares in
     * double precision.
     */
    public static void rmsNorm(float[] out, int oo, float[] x, int xo, float[] weight, int n, float eps) {
        double ss = 0;
        for (int i = 0; i < n; i++) ss += (double) x[xo + i] * x[xo + i];
        float scale = (float) (1.0 / Math.sqrt(ss / n + eps));
        int i = 0;
        int bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, xo + i).mul(scale).mul(FloatVector.fromArray(F, weight, i))
                    .intoArray(out, oo + i);
        }
        for (; i < n; i++) out[oo + i] = x[xo + i] * scale * weight[i];
    }

    /** In-place softmax of {@code a[o..o+n)}; returns nothing, the values sum to 1 afterwards. */
    public static void softmax(float[] a, int o, int n) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, a[o + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(a[o + i] - max);
            a[o + i] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        int i = 0;
        int bound = F.loopBound(n);
        for (; i < bound; i += F.length()) FloatVector.fromArray(F, a, o + i).mul(inv).intoArray(a, o + i);
        for (; i < n; i++) a[o + i] *= inv;
    }

    /** {@code gate[i] = silu(gate[i]) * up[i]} (SwiGLU), for {@code n} elements from {@code o}. */
    public static void swiglu(float[] gate, float[] up, int o, int n) {
        int i = 0;
        int bound = F.loopBound(n);
        for (; i < bound; i += F.length()) {
            FloatVector g = FloatVector.fromArray(F, gate, o + i);
            FloatVector silu = g.div(g.neg().lanewise(VectorOperators.EXP).add(1f));
            silu.mul(FloatVector.fromArray(F, up, o + i)).intoArray(gate, o + i);
        }
        for (; i < n; i++) {
            float g = gate[o + i];
            gate[o + i] = g / (1f + (float) Math.exp(-g)) * up[o + i];
        }
    }
}
