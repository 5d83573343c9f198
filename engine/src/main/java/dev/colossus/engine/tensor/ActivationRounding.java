package dev.colossus.engine.tensor;

/**
 * How a weight type's products round the activations before multiplying, as llama.cpp's CPU backend does (its
 * "vec_dot_type"): matching it keeps the engine's logits within float rounding of llama.cpp's. Rounding once per
 * input and reusing the result for every row range and every matrix that shares the input
 * ({@link WeightMatrix#matmulRounded}) keeps it off the inner loops.
 */
public enum ActivationRounding {
    /** Used as given (F32 weights). */
    NONE,
    /** 8-bit blocks of 32 with an F16 scale (Q8_0), for Q4_0 and Q8_0 weights. */
    Q8_0,
    /** 8-bit blocks of 256 with an F32 scale (Q8_K), for the K-quants. */
    Q8_K,
    /** To the nearest F16, for F16 weights. */
    F16,
    /** To the nearest BF16, for BF16 weights. */
    BF16;

    /**
     * Writes {@code x[0..count)} rounded into {@code out[0..count)} (as floats); {@code count} is a multiple of the
     * block size.
     */
    public void round(float[] x, int count, float[] out) {
        switch (this) {
            case NONE -> System.arraycopy(x, 0, out, 0, count);
            case Q8_0 -> Q8Activations.round(x, count, out);
            case Q8_K -> Q8Activations.roundLikeQ8_K(x, count, out);
            case F16 -> {
                for (int i = 0; i < count; i++) out[i] = Float.float16ToFloat(Float.floatToFloat16(x[i]));
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) out[i] = HalfMatrix.roundToBf16(x[i]);
            }
        }
    }
}
