package dev.colossus.train.model;

/**
 * Rotary position embedding as llama.cpp's {@code llama} architecture applies it: within each head, the adjacent
 * pair {@code (2i, 2i+1)} at position {@code p} turns by {@code p · theta^(-2i/headDim)}. The backward pass turns
 * the gradient back by the same angle.
 * <p>Thread safety: immutable after construction.
 */
final class Rope {
    private final int headDim;
    private final int positions;
    private final float[] cos;
    private final float[] sin;

    /** Tables for positions {@code [0, positions)}, angles computed in double. */
    Rope(int headDim, int positions, float theta) {
        this.headDim = headDim;
        this.positions = positions;
        int half = headDim / 2;
        cos = new float[positions * half];
        sin = new float[positions * half];
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < half; i++) {
                double angle = p * Math.pow(theta, -2.0 * i / headDim);
                cos[p * half + i] = (float) Math.cos(angle);
                sin[p * half + i] = (float) Math.sin(angle);
            }
        }
    }

    int positions() {
        return positions;
    }

    /**
     * Rotates {@code heads} heads of the row at {@code o} (position {@code p}) forward, or backward (by the
     * negative angle) when {@code inverse}.
     */
    void apply(float[] v, int o, int heads, int p, boolean inverse) {
        int half = headDim / 2;
        int a = p * half;
        for (int h = 0; h < heads; h++) {
            int base = o + h * headDim;
            for (int i = 0; i < half; i++) {
                float c = cos[a + i], s = inverse ? -sin[a + i] : sin[a + i];
                float x0 = v[base + 2 * i], x1 = v[base + 2 * i + 1];
                v[base + 2 * i] = x0 * c - x1 * s;
                v[base + 2 * i + 1] = x0 * s + x1 * c;
            }
        }
    }
}
