package dev.colossus.engine.model;

import dev.colossus.engine.tensor.VectorMath;

/** The gated feed-forward activation: {@code gate[i] = act(gate[i]) * up[i]}. */
enum Activation {
    /** SwiGLU: {@code silu(g) = g / (1 + e^-g)}. */
    SILU {
        @Override
        void gate(float[] gate, float[] up, int o, int n) {
            VectorMath.swiglu(gate, up, o, n);
        }
    },
    /**
     * GeGLU with GELU's tanh approximation, {@code 0.5 g (1 + tanh(sqrt(2/pi) (g + 0.044715 g^3)))}, computed as
     * llama.cpp's CPU backend does: for {@code -10 < g < 10} the input is rounded to F16 and the result read from a
     * table of F16 values (so the engine's Gemma logits stay within float rounding of llama.cpp's); outside, 0 or g.
     */
    GELU_TANH {
        @Override
        void gate(float[] gate, float[] up, int o, int n) {
            float[] table = GeluTable.VALUES;
            for (int i = o; i < o + n; i++) {
                float g = gate[i];
                float act = g <= -10f ? 0f : g >= 10f ? g : table[Float.floatToFloat16(g) & 0xffff];
                gate[i] = act * up[i];
            }
        }
    };

    /** GELU of every F16 value, rounded to F16, indexed by the F16 bits. */
    private static final class GeluTable {
        static final float[] VALUES = new float[1 << 16];

        static {
            for (int bits = 0; bits < VALUES.length; bits++) {
                VALUES[bits] = Float.float16ToFloat(Float.floatToFloat16(gelu(Float.float16ToFloat((short) bits))));
            }
        }
    }

    private static final float GELU_A = 0.044715f;
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;

    /** Applies the activation to {@code gate[o, o+n)} and multiplies by {@code up[o, o+n)} in place. */
    abstract void gate(float[] gate, float[] up, int o, int n);

    /** GELU (tanh approximation) in float. */
    static float gelu(float x) {
        return 0.5f * x * (1f + (float) Math.tanh(SQRT_2_OVER_PI * x * (1f + GELU_A * x * x)));
    }
}
