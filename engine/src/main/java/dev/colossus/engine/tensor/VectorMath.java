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

    /**
     * {@code out[oo + b*outStride] = w[wo..wo+n) · x[b*n ..]} for the {@code count} vectors {@code x_b} laid out
     * back to back: each load of {@code w} serves up to four vectors, which is what makes batched products cheaper
     * than separate ones.
     */
    public static void dotMany(float[] w, int wo, float[] x, int count, int n, float[] out, int oo, int outStride) {
        int bound = F.loopBound(n);
        int b = 0;
        for (; b + 4 <= count; b += 4) {
            int x0 = b * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            int i = 0;
            for (; i < bound; i += F.length()) {
                FloatVector wv = FloatVector.fromArray(F, w, wo + i);
                a0 = wv.fma(FloatVector.fromArray(F, x, x0 + i), a0);
                a1 = wv.fma(FloatVector.fromArray(F, x, x1 + i), a1);
                a2 = wv.fma(FloatVector.fromArray(F, x, x2 + i), a2);
                a3 = wv.fma(FloatVector.fromArray(F, x, x3 + i), a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                float wi = w[wo + i];
                s0 += wi * x[x0 + i];
                s1 += wi * x[x1 + i];
                s2 += wi * x[x2 + i];
                s3 += wi * x[x3 + i];
            }
            out[oo + b * outStride] = s0;
            out[oo + (b + 1) * outStride] = s1;
            out[oo + (b + 2) * outStride] = s2;
            out[oo + (b + 3) * outStride] = s3;
        }
        for (; b < count; b++) out[oo + b * outStride] = dot(w, wo, x, b * n, n);
    }

    /**
     * Four rows {@code w[0..4n)} (back to back, length {@code n} each) times {@code count} vectors {@code x[b*n ..]}:
     * {@code out[firstRow + i + b * outStride] = w_i · x_b}. Works on tiles of four rows by four vectors, sixteen
     * accumulators in registers, so each load of a row or a vector serves four products.
     */
    public static void dotTile4(float[] w, float[] x, int count, int n, float[] out, int firstRow, int outStride) {
        int bound = F.loopBound(n);
        int w1 = n, w2 = 2 * n, w3 = 3 * n;
        int b = 0;
        for (; b + 4 <= count; b += 4) {
            int x0 = b * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
            FloatVector a00 = FloatVector.zero(F), a01 = a00, a02 = a00, a03 = a00;
            FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
            FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
            FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
            for (int i = 0; i < bound; i += F.length()) {
                FloatVector r0 = FloatVector.fromArray(F, w, i);
                FloatVector r1 = FloatVector.fromArray(F, w, w1 + i);
                FloatVector r2 = FloatVector.fromArray(F, w, w2 + i);
                FloatVector r3 = FloatVector.fromArray(F, w, w3 + i);
                FloatVector v = FloatVector.fromArray(F, x, x0 + i);
                a00 = r0.fma(v, a00);
                a10 = r1.fma(v, a10);
                a20 = r2.fma(v, a20);
                a30 = r3.fma(v, a30);
                v = FloatVector.fromArray(F, x, x1 + i);
                a01 = r0.fma(v, a01);
                a11 = r1.fma(v, a11);
                a21 = r2.fma(v, a21);
                a31 = r3.fma(v, a31);
                v = FloatVector.fromArray(F, x, x2 + i);
                a02 = r0.fma(v, a02);
                a12 = r1.fma(v, a12);
                a22 = r2.fma(v, a22);
                a32 = r3.fma(v, a32);
                v = FloatVector.fromArray(F, x, x3 + i);
                a03 = r0.fma(v, a03);
                a13 = r1.fma(v, a13);
                a23 = r2.fma(v, a23);
                a33 = r3.fma(v, a33);
            }
            int o = firstRow + b * outStride;
            out[o] = sum(a00, w, 0, x, x0, bound, n);
            out[o + 1] = sum(a10, w, w1, x, x0, bound, n);
            out[o + 2] = sum(a20, w, w2, x, x0, bound, n);
            out[o + 3] = sum(a30, w, w3, x, x0, bound, n);
            out[o + outStride] = sum(a01, w, 0, x, x1, bound, n);
            out[o + 1 + outStride] = sum(a11, w, w1, x, x1, bound, n);
            out[o + 2 + outStride] = sum(a21, w, w2, x, x1, bound, n);
            out[o + 3 + outStride] = sum(a31, w, w3, x, x1, bound, n);
            out[o + 2 * outStride] = sum(a02, w, 0, x, x2, bound, n);
            out[o + 1 + 2 * outStride] = sum(a12, w, w1, x, x2, bound, n);
            out[o + 2 + 2 * outStride] = sum(a22, w, w2, x, x2, bound, n);
            out[o + 3 + 2 * outStride] = sum(a32, w, w3, x, x2, bound, n);
            out[o + 3 * outStride] = sum(a03, w, 0, x, x3, bound, n);
            out[o + 1 + 3 * outStride] = sum(a13, w, w1, x, x3, bound, n);
            out[o + 2 + 3 * outStride] = sum(a23, w, w2, x, x3, bound, n);
            out[o + 3 + 3 * outStride] = sum(a33, w, w3, x, x3, bound, n);
        }
        for (; b < count; b++) {
            for (int r = 0; r < 4; r++) out[firstRow + r + b * outStride] = dot(w, r * n, x, b * n, n);
        }
    }

    /** The lanes of {@code acc} plus the scalar tail {@code w[wo+from..wo+n) · x[xo+from..xo+n)}. */
    private static float sum(FloatVector acc, float[] w, int wo, float[] x, int xo, int from, int n) {
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (int i = from; i < n; i++) s += w[wo + i] * x[xo + i];
        return s;
    }

    /**
     * {@code out[oo + i] = sum over t < count of w[wo + t] * v[vo + t * stride + i]} for {@code i < n}: a weighted sum
     * of {@code count} rows of {@code v} (attention's values), accumulated in registers four vectors at a time.
     */
    public static void weightedSum(float[] w, int wo, int count, float[] v, int vo, int stride, int n, float[] out,
                                   int oo) {
        int lanes = F.length(), i = 0;
        for (; i + 4 * lanes <= n; i += 4 * lanes) {
            FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
            for (int t = 0, r = vo + i; t < count; t++, r += stride) {
                FloatVector s = FloatVector.broadcast(F, w[wo + t]);
                a0 = FloatVector.fromArray(F, v, r).fma(s, a0);
                a1 = FloatVector.fromArray(F, v, r + lanes).fma(s, a1);
                a2 = FloatVector.fromArray(F, v, r + 2 * lanes).fma(s, a2);
                a3 = FloatVector.fromArray(F, v, r + 3 * lanes).fma(s, a3);
            }
            a0.intoArray(out, oo + i);
            a1.intoArray(out, oo + i + lanes);
            a2.intoArray(out, oo + i + 2 * lanes);
            a3.intoArray(out, oo + i + 3 * lanes);
        }
        for (; i + lanes <= n; i += lanes) {
            FloatVector a = FloatVector.zero(F);
            for (int t = 0, r = vo + i; t < count; t++, r += stride) {
                a = FloatVector.fromArray(F, v, r).fma(FloatVector.broadcast(F, w[wo + t]), a);
            }
            a.intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            float a = 0;
            for (int t = 0; t < count; t++) a += w[wo + t] * v[vo + t * stride + i];
            out[oo + i] = a;
        }
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
