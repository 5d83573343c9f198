package dev.colossus.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Activation vectors in their 8-bit Q8_0 form, for the integer kernels of {@link RowGroupMatrix}: per block of 32,
 * the integers {@code q} and the scale. It is recovered exactly from the vector as {@link ActivationRounding#Q8_0}
 * rounded it: every rounded value is {@code q * d} with {@code |q| <= 127}, and the largest is {@code 127 * d}.
 * <p>Thread safety: filled by one thread, then read by any number ({@link Parallel} fills one per job and shares it
 * with its workers; {@link #local} is a per-thread instance).
 */
final class Q8Activations {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.length() >= 4
            && 32 % FloatVector.SPECIES_PREFERRED.length() == 0 ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_128;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());
    private static final VectorSpecies<Short> SF = VectorSpecies.of(short.class, VectorShape.forBitSize(F.length() * 16));
    /** Adding 1.5 * 2^23 leaves round-half-even(x) in a float's low mantissa bits, for |x| < 2^22. */
    private static final float ROUNDING = 0x1.8p23f;
    private static final int ROUNDING_BITS = Float.floatToRawIntBits(ROUNDING);
    private static final ThreadLocal<Q8Activations> LOCAL = ThreadLocal.withInitial(Q8Activations::new);

    /** How many vectors, and their length. */
    int count, cols;
    /** The integers, one per activation, vector after vector. */
    short[] q = new short[0];
    /** The integers two per int (the first in the low half): per block, the 16 pairs {@code q[2p], q[2p+1]}. */
    int[] pairs = new int[0];
    /**
     * The integers as the Q4_0 kernel multiplies them, two per int (the first in the low half): per block, the 8
     * pairs {@code q[2p], q[2p+1]}, then the 8 pairs of {@code q'[16+2p], q'[17+2p]} with
     * {@code q'[16+j] = q[16+j] - 16 q[j]} (see {@link Q4_0Matrix}).
     */
    int[] nibblePairs = new int[0];
    /** Each block's scale, vector after vector. */
    float[] scale = new float[0];
    /** Each block's sum of {@link #q}. */
    int[] sum = new int[0];

    Q8Activations() {
    }

    /**
     * Q8_0 rounding, used by llama.cpp for Q4_0 and Q8_0 weights: blocks of 32 as ggml's {@code quantize_row_q8_0}
     * makes them (scale {@code amax/127} stored as F16, values {@code round_half_even(x * 127/amax)}), written back
     * as value times scale. {@code count} is a multiple of 32.
     */
    static void round(float[] x, int count, float[] out) {
        FloatVector rounding = FloatVector.broadcast(F, ROUNDING);
        for (int o = 0; o < count; o += 32) {
            float amax = absMax(x, o);
            float id = amax != 0 ? 127f / amax : 0f;
            float d = Float.float16ToFloat(Float.floatToFloat16(amax / 127f));
            for (int j = 0; j < 32; j += F.length()) {
                // x * id rounded to float first, then to an integer by adding and removing 1.5 * 2^23
                FloatVector v = FloatVector.fromArray(F, x, o + j).mul(id);
                v.add(rounding).sub(rounding).mul(d).intoArray(out, o + j);
            }
        }
    }

    private static int pair(int first, int second) {
        return (first & 0xFFFF) | second << 16;
    }

    private static float absMax(float[] x, int o) {
        FloatVector max = FloatVector.zero(F);
        for (int j = 0; j < 32; j += F.length()) max = max.max(FloatVector.fromArray(F, x, o + j).abs());
        return max.reduceLanes(VectorOperators.MAX);
    }

    /**
     * This thread's instance, filled from the {@code n} vectors {@code xr[0 .. n * cols)}, which
     * {@link ActivationRounding#Q8_0} rounded.
     */
    static Q8Activations local(float[] xr, int n, int cols) {
        Q8Activations a = LOCAL.get();
        a.fill(xr, n, cols);
        return a;
    }

    /** Fills this instance from the {@code n} vectors {@code xr[0 .. n * cols)}, which {@link ActivationRounding#Q8_0} rounded. */
    void fill(float[] xr, int n, int cols) {
        this.count = n;
        this.cols = cols;
        int length = n * cols, blocks = length / 32;
        if (q.length < length) {
            q = new short[length];
            pairs = new int[length / 2];
            nibblePairs = new int[length / 2];
        }
        if (scale.length < blocks) {
            scale = new float[blocks];
            sum = new int[blocks];
        }
        for (int b = 0; b < blocks; b++) {
            int o = b * 32;
            float amax = absMax(xr, o);
            float d = amax / 127; // exact: amax is 127 times an F16
            scale[b] = d;
            FloatVector inverse = FloatVector.broadcast(F, d == 0 ? 0 : 1 / d);
            IntVector total = IntVector.zero(I);
            for (int j = 0; j < 32; j += F.length()) {
                IntVector v = FloatVector.fromArray(F, xr, o + j).fma(inverse, FloatVector.broadcast(F, ROUNDING))
                        .reinterpretAsInts().sub(ROUNDING_BITS);
                total = total.add(v);
                ((ShortVector) v.convertShape(VectorOperators.I2S, SF, 0)).intoArray(q, o + j);
            }
            sum[b] = total.reduceLanes(VectorOperators.ADD);
            for (int p = 0; p < 16; p++) pairs[b * 16 + p] = pair(q[o + 2 * p], q[o + 2 * p + 1]);
            for (int p = 0; p < 8; p++) {
                nibblePairs[b * 16 + p] = pair(q[o + 2 * p], q[o + 2 * p + 1]);
                nibblePairs[b * 16 + 8 + p] = pair(q[o + 16 + 2 * p] - 16 * q[o + 2 * p],
                        q[o + 17 + 2 * p] - 16 * q[o + 2 * p + 1]);
            }
        }
    }
}
