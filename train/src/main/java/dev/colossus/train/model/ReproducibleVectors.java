package dev.colossus.train.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector operations whose results Java defines to the last bit, so that they are the same whether the code runs
 * interpreted or compiled. Two operations of the Vector API are not: {@code lanewise(VectorOperators.EXP)} (compiled,
 * it calls a vector math library whose last bit differs from the interpreter's now and then) and
 * {@code reduceLanes(VectorOperators.ADD)} on floats (its order of additions is unspecified, and the compiled form
 * adds in another order than the interpreter). With them, the numbers of a training step depend on when the JIT
 * compiler got to the code, and two identical runs, or a run and its resumed continuation, drift apart. These
 * replacements use only additions, multiplications, fused multiply-adds, lane reads and bit operations, in a fixed
 * order.
 * <p>Thread safety: stateless.
 */
final class ReproducibleVectors {
    /** Inputs below this give 0 ({@code -126 · ln 2}, the smallest normal result). */
    static final float LOW = -87.33654f;
    /** Inputs above this give infinity ({@code 127.5 · ln 2}, so that {@code n ≤ 127}). */
    static final float HIGH = 88.37626f;
    private static final float LOG2E = 1.44269504088896341f;
    /** {@code ln 2 = LN2_HI + LN2_LO}: the high part has few bits, so {@code n · LN2_HI} is exact. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** {@code 1.5 · 2^23}: adding and subtracting it rounds a float of magnitude below {@code 2^22} to an integer. */
    private static final float ROUND = 12582912f;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    private ReproducibleVectors() {
    }

    /**
     * {@code exp} of every lane: {@code exp(x) = 2^n · exp(r)} with {@code n = round(x / ln 2)} and
     * {@code |r| ≤ ln 2 / 2}, {@code exp(r)} by Cephes' {@code expf} polynomial; within 1 ulp of {@code Math.exp}.
     * Results below {@code 2^-126} (inputs under {@link #LOW}) are 0, inputs over {@link #HIGH} give infinity
     * (slightly early: the largest finite result is about {@code 2.4e38}), NaN gives NaN.
     */
    static FloatVector exp(FloatVector x) {
        VectorSpecies<Float> s = x.species();
        VectorMask<Float> under = x.compare(VectorOperators.LT, LOW);
        VectorMask<Float> over = x.compare(VectorOperators.GT, HIGH);
        FloatVector v = x.max(LOW).min(HIGH);
        FloatVector n = v.mul(LOG2E).add(ROUND).sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(s, -LN2_LO), v.sub(n.mul(LN2_HI)));
        FloatVector p = r.fma(P0, P1);
        p = p.fma(r, FloatVector.broadcast(s, P2));
        p = p.fma(r, FloatVector.broadcast(s, P3));
        p = p.fma(r, FloatVector.broadcast(s, P4));
        p = p.fma(r, FloatVector.broadcast(s, P5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        FloatVector scale = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(scale).blend(0f, under).blend(Float.POSITIVE_INFINITY, over);
    }

    /** The sum of the lanes of {@code v}, added from lane 0 up. */
    static float sum(FloatVector v) {
        float s = v.lane(0);
        for (int i = 1; i < v.length(); i++) s += v.lane(i);
        return s;
    }
}
