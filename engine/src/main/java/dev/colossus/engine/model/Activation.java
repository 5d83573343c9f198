package dev.colossus.engine.model;

import dev.colossus.engine.tensor.VectorMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The gated feed-forward activation: {@code gate[i] = act(gate[i]) * up[i]}. */
enum Activation {
    /** SwiGLU: {@code silu(g) = g / (1 + e^-g)}. */
    SILU {
        @Override
        void gate(float[] gate, float[] up, int o, int n) {
            VectorMath.swiglu(gate, up, o, n);
        }
    },
    /** GeGLU with GELU's tanh approximation, {@code 0.5 g (1 + tanh(sqrt(2/pi) (g + 0.044715 g^3)))}. */
    GELU_TANH {
        @Override
        void gate(float[] gate, float[] up, int o, int n) {
            int i = 0;
            int bound = F.loopBound(n);
            for (; i < bound; i += F.length()) {
                FloatVector g = FloatVector.fromArray(F, gate, o + i);
                FloatVector inner = g.mul(g).mul(GELU_A).add(1f).mul(g).mul(SQRT_2_OVER_PI);
                g.mul(0.5f).mul(inner.lanewise(VectorOperators.TANH).add(1f))
                        .mul(FloatVector.fromArray(F, up, o + i)).intoArray(gate, o + i);
            }
            for (; i < n; i++) gate[o + i] = gelu(gate[o + i]) * up[o + i];
        }
    };

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final float GELU_A = 0.044715f;
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;

    /** Applies the activation to {@code gate[o, o+n)} and multiplies by {@code up[o, o+n)} in place. */
    abstract void gate(float[] gate, float[] up, int o, int n);

    static float gelu(float x) {
        return 0.5f * x * (1f + (float) Math.tanh(SQRT_2_OVER_PI * x * (1f + GELU_A * x * x)));
    }
}
