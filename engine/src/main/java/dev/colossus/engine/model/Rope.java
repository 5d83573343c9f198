package dev.colossus.engine.model;

/**
 * Rotary position embedding as llama.cpp computes it: the angle of pair {@code i} at position {@code p} is
 * {@code freqScale * p * base^(-2i/dims) / freqFactor[i]}, the powers accumulated in float like ggml's rope cache.
 * Pairs are adjacent elements ({@code 2i, 2i+1}) or, NEOX style, the two halves ({@code i, i + dims/2}).
 * <p>Thread safety: immutable.
 */
final class Rope {
    private final int dims;
    private final boolean neox;
    private final float thetaScale;
    private final float freqScale;
    private final float[] freqFactors;

    Rope(int dims, float base, float freqScale, boolean neox, float[] freqFactors) {
        this.dims = dims;
        this.neox = neox;
        this.thetaScale = (float) Math.pow(base, -2.0 / dims);
        this.freqScale = freqScale;
        this.freqFactors = freqFactors;
    }

    int pairs() {
        return dims / 2;
    }

    /** Fills {@code cos/sin[o .. o + dims/2)} with the rotation of each pair at {@code position}. */
    void angles(int position, float[] cos, float[] sin, int o) {
        float theta = position;
        for (int i = 0; i < dims / 2; i++) {
            float t = theta;
            if (freqFactors != null) t /= freqFactors[i];
            t *= freqScale;
            cos[o + i] = (float) Math.cos(t);
            sin[o + i] = (float) Math.sin(t);
            theta *= thetaScale;
        }
    }

    /** Rotates {@code heads} consecutive heads of {@code headDim} at {@code v[o..]} by the angles at {@code ao}. */
    void apply(float[] v, int o, int heads, int headDim, float[] cos, float[] sin, int ao) {
        int half = dims / 2;
        int stride = neox ? half : 1;
        for (int h = 0; h < heads; h++) {
            int base = o + h * headDim;
            for (int i = 0; i < half; i++) {
                int a = neox ? base + i : base + 2 * i;
                int b = a + stride;
                float x0 = v[a], x1 = v[b];
                float c = cos[ao + i], s = sin[ao + i];
                v[a] = x0 * c - x1 * s;
                v[b] = x0 * s + x1 * c;
            }
        }
    }
}
