package dev.colossus.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activation vectors in their 8-bit form, as llama.cpp's CPU backend multiplies them with Q4_0 and Q8_0 weights
 * (ggml's {@code quantize_row_q8_0}: per block of 32, an F16 scale {@code d = amax / 127} and the integers
 * {@code q = round_half_even(x * 127 / amax)}) or with K-quant weights ({@code quantize_row_q8_K}, see {@link #fill}),
 * laid out for the integer kernels of {@link RowGroupMatrix}. Filling from activations already rounded the same way
 * gives the same integers and scales (to the last bit of the scale for Q8_K).
 * <p>Thread safety: filled by one thread, then read by any number ({@link Parallel} fills one per job and shares it
 * with its workers; {@link #local} is a per-thread instance).
 */
final class Q8Activations {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() >= 4
            && 16 % FloatVector.SPECIES_PREFERRED.length() == 0 ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final VectorSpecies<Short> SF = VectorSpecies.of(short.class, VectorShape.forBitSize(F.length() * 16));
    /** Adding 1.5 * 2^23 leaves round-half-even(x) in a float's low mantissa bits, for |x| < 2^22. */
    private static final float ROUNDING = 0x1.8p23f;
    private static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);
    private static final ThreadLocal<Q8Activations> LOCAL = ThreadLocal.withInitial(Q8Activations::new);

    /** How many vectors. */
    int count;
    /** The integers two per int (the first in the low half): per block, the 16 pairs {@code q[2p], q[2p+1]}. */
    int[] pairs = new int[0];
    /**
     * The integers as the Q4_0 kernel multiplies them, two per int: per block, the 8 pairs {@code q[2p], q[2p+1]},
     * then the 8 pairs of {@code q'[16+2p], q'[17+2p]} with {@code q'[16+j] = q[16+j] - 16 q[j]} (see
     * {@link Q4_0Matrix}).
     */
    int[] nibblePairs = new int[0];
    /** Each block's scale, vector after vector. */
    float[] scale = new float[0];
    /** Each block's sum of its integers. */
    int[] sum = new int[0];

    Q8Activations() {
    }

    /**
     * Q8_0 rounding as floats: each value replaced by its integer times its block's scale. {@code count} is a
     * multiple of 32.
     */
    static void round(float[] x, int count, float[] out) {
        for (int o = 0; o < count; o += 32) {
            float amax = absMax(x, o, 32);
            float id = inverseScale(amax);
            FloatVector d = FloatVector.broadcast(F, scale(amax));
            for (int j = 0; j < 32; j += F.length()) {
                ((FloatVector) integers(x, o + j, id).convert(VectorOperators.I2F, 0)).mul(d).intoArray(out, o + j);
            }
        }
    }

    /** This thread's instance, filled from the {@code n} vectors {@code x[0 .. n * cols)} as {@link #fill} does. */
    static Q8Activations local(float[] x, int n, int cols, ActivationRounding rounding) {
        Q8Activations a = LOCAL.get();
        a.fill(x, n, cols, rounding);
        return a;
    }

    /**
     * Fills this instance from the {@code n} vectors {@code x[0 .. n * cols)}, rounded as {@code rounding} says:
     * {@link ActivationRounding#Q8_0} (an F16 scale per block of 32; {@code cols} a multiple of 32) or
     * {@link ActivationRounding#Q8_K} (ggml's {@code quantize_row_q8_K}: one F32 scale {@code max / -127} per 256,
     * from the value of largest magnitude, integers at most 127; {@code cols} a multiple of 256), each block of 32
     * then holding its super-block's scale.
     */
    void fill(float[] x, int n, int cols, ActivationRounding rounding) {
        this.count = n;
        int length = n * cols, blocks = length / 32;
        if (pairs.length < length / 2) {
            pairs = new int[length / 2];
            nibblePairs = new int[length / 2];
        }
        if (scale.length < blocks) {
            scale = new float[blocks];
            sum = new int[blocks];
        }
        boolean superBlocks = rounding == ActivationRounding.Q8_K;
        float id = 0, d = 0;
        for (int b = 0; b < blocks; b++) {
            int o = b * 32;
            if (!superBlocks) {
                float amax = absMax(x, o, 32);
                id = inverseScale(amax);
                d = scale(amax);
            } else if (b % 8 == 0) {
                float max = signedMax(x, o);
                id = max != 0 ? -127f / max : 0f;
                d = max != 0 ? 1 / id : 0f;
            }
            scale[b] = d;
            IntVector total = IntVector.zero(I);
            for (int j = 0; j < 16; j += F.length()) {
                IntVector lo = integers(x, o + j, id), hi = integers(x, o + 16 + j, id);
                total = total.add(lo).add(hi);
                ShortVector l = (ShortVector) lo.convertShape(VectorOperators.I2S, SF, 0);
                ShortVector h = (ShortVector) hi.convertShape(VectorOperators.I2S, SF, 0);
                // little-endian: a short vector read as ints is its pairs, the first of each in the low half
                l.reinterpretAsInts().intoArray(pairs, (o + j) / 2);
                h.reinterpretAsInts().intoArray(pairs, (o + 16 + j) / 2);
                l.reinterpretAsInts().intoArray(nibblePairs, (o + j) / 2);
                h.sub(l.lanewise(VectorOperators.LSHL, 4)).reinterpretAsInts().intoArray(nibblePairs, (o + 16 + j) / 2);
            }
            sum[b] = total.reduceLanes(VectorOperators.ADD);
        }
    }

    /** The first of the 256 values at {@code x[o]} with the largest magnitude, with its sign. */
    private static float signedMax(float[] x, int o) {
        float amax = absMax(x, o, 256);
        int j = o;
        while (Math.abs(x[j]) != amax) j++;
        return x[j];
    }

    /** {@code round_half_even(x * id)} for the lanes at {@code x[at]}: the product rounded to float first. */
    private static IntVector integers(float[] x, int at, float id) {
        return FloatVector.fromArray(F, x, at).mul(id).add(ROUNDING).reinterpretAsInts().sub(ROUNDING_BITS).min(127);
    }

    private static float scale(float amax) {
        return Float.float16ToFloat(Float.floatToFloat16(amax / 127f));
    }

    private static float inverseScale(float amax) {
        return amax != 0 ? 127f / amax : 0f;
    }

    private static float absMax(float[] x, int o, int count) {
        FloatVector max = FloatVector.zero(F);
        for (int j = 0; j < count; j += F.length()) max = max.max(FloatVector.fromArray(F, x, o + j).abs());
        return max.reduceLanes(VectorOperators.MAX);
    }

    /**
     * Q8_K rounding (blocks of 256, F32 scale {@code max/-127} from the value of largest magnitude, round half to
     * even, at most 127), used by llama.cpp for the K-quants.
     */
    static void roundLikeQ8_K(float[] x, int count, float[] out) {
        for (int o = 0; o < count; o += 256) {
            float max = 0;
            float amax = 0;
            for (int j = 0; j < 256; j++) {
                float a = Math.abs(x[o + j]);
                if (a > amax) {
                    amax = a;
                    max = x[o + j];
                }
            }
            if (amax == 0) {
                java.util.Arrays.fill(out, o, o + 256, 0f);
                continue;
            }
            float iscale = -127f / max;
            float d = 1 / iscale;
            for (int j = 0; j < 256; j++) out[o + j] = d * Math.min(127f, (float) Math.rint(iscale * x[o + j]));
        }
    }
}
