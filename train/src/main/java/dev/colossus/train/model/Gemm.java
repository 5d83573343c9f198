package dev.colossus.train.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-threaded float32 matrix product {@code C(m,n) += Σ_k A(m,k) · B(k,n)} on strided views of float arrays:
 * {@code A(m,k) = a[aOff + m*aM + k*aK]}, {@code B(k,n) = b[bOff + k*bK + n*bN]},
 * {@code C(m,n) = c[cOff + m*ldc + n]}. The strides express every transpose the training passes need
 * ({@code X·Wᵀ}, {@code dY·W}, {@code dYᵀ·X}, attention's products) without copying the operands.
 * <p>Blocked like GotoBLAS: a panel of {@code B} ({@value #KC} × {@link #NC}) is packed into this thread's scratch
 * (columns in groups of {@link #NR}), then register tiles of {@value #MR} rows × {@link #NR} columns accumulate it
 * with one broadcast of {@code A} per row and step of {@code k}.
 * <p>Thread safety: stateless apart from a per-thread packing buffer; callers give threads disjoint rows of C.
 */
final class Gemm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Columns of a register tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows of a register tile. */
    static final int MR = 6;
    /** Depth of a packed panel. */
    private static final int KC = 256;
    /** Width of a packed panel. */
    private static final int NC = 8 * NR;

    private static final ThreadLocal<float[]> PACK = ThreadLocal.withInitial(() -> new float[KC * NC]);

    private Gemm() {
    }

    /** Rows {@code [m0, m1)} of {@code C += A·B} over {@code n ∈ [0, nCount)}, {@code k ∈ [0, kCount)}. */
    static void mulAdd(int m0, int m1, int nCount, int kCount,
                       float[] a, int aOff, int aM, int aK,
                       float[] b, int bOff, int bK, int bN,
                       float[] c, int cOff, int ldc) {
        if (m1 <= m0 || nCount <= 0 || kCount <= 0) return;
        float[] pack = PACK.get();
        for (int n0 = 0; n0 < nCount; n0 += NC) {
            int nc = Math.min(NC, nCount - n0);
            for (int k0 = 0; k0 < kCount; k0 += KC) {
                int kc = Math.min(KC, kCount - k0);
                pack(b, bOff + k0 * bK + n0 * bN, bK, bN, kc, nc, pack);
                int aBase = aOff + k0 * aK;
                for (int p = 0; p * NR < nc; p++) {
                    int cols = Math.min(NR, nc - p * NR);
                    int po = p * kc * NR;
                    int cCol = cOff + n0 + p * NR;
                    int m = m0;
                    for (; m + MR <= m1; m += MR) tile6(a, aBase + m * aM, aM, aK, kc, pack, po, c, cCol + m * ldc, ldc, cols);
                    for (; m < m1; m++) tile1(a, aBase + m * aM, aK, kc, pack, po, c, cCol + m * ldc, cols);
                }
            }
        }
    }

    /** Packs {@code kc × nc} of B into groups of {@link #NR} columns, {@code k} outer, zero-padded on the right. */
    private static void pack(float[] b, int off, int bK, int bN, int kc, int nc, float[] pack) {
        for (int p = 0; p * NR < nc; p++) {
            int cols = Math.min(NR, nc - p * NR);
            int po = p * kc * NR;
            int col0 = off + p * NR * bN;
            if (bN == 1 && cols == NR) {
                for (int k = 0; k < kc; k++) System.arraycopy(b, col0 + k * bK, pack, po + k * NR, NR);
            } else if (bK == 1) {
                for (int j = 0; j < cols; j++) {
                    int src = col0 + j * bN;
                    for (int k = 0; k < kc; k++) pack[po + k * NR + j] = b[src + k];
                }
                if (cols < NR) for (int k = 0; k < kc; k++) java.util.Arrays.fill(pack, po + k * NR + cols, po + (k + 1) * NR, 0f);
            } else {
                for (int k = 0; k < kc; k++) {
                    int src = col0 + k * bK;
                    int dst = po + k * NR;
                    for (int j = 0; j < cols; j++) pack[dst + j] = b[src + j * bN];
                    for (int j = cols; j < NR; j++) pack[dst + j] = 0f;
                }
            }
        }
    }

    private static void tile6(float[] a, int ao, int aM, int aK, int kc, float[] pack, int po,
                              float[] c, int co, int ldc, int cols) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = ao, a1 = a0 + aM, a2 = a1 + aM, a3 = a2 + aM, a4 = a3 + aM, a5 = a4 + aM;
        for (int k = 0; k < kc; k++) {
            int p = po + k * NR;
            FloatVector b0 = FloatVector.fromArray(F, pack, p);
            FloatVector b1 = FloatVector.fromArray(F, pack, p + L);
            int ak = k * aK;
            FloatVector x = FloatVector.broadcast(F, a[a0 + ak]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(F, a[a1 + ak]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(F, a[a2 + ak]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(F, a[a3 + ak]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            x = FloatVector.broadcast(F, a[a4 + ak]);
            c40 = b0.fma(x, c40);
            c41 = b1.fma(x, c41);
            x = FloatVector.broadcast(F, a[a5 + ak]);
            c50 = b0.fma(x, c50);
            c51 = b1.fma(x, c51);
        }
        if (cols == NR) {
            store(c, co, c00, c01);
            store(c, co + ldc, c10, c11);
            store(c, co + 2 * ldc, c20, c21);
            store(c, co + 3 * ldc, c30, c31);
            store(c, co + 4 * ldc, c40, c41);
            store(c, co + 5 * ldc, c50, c51);
        } else {
            storePartial(c, co, c00, c01, cols);
            storePartial(c, co + ldc, c10, c11, cols);
            storePartial(c, co + 2 * ldc, c20, c21, cols);
            storePartial(c, co + 3 * ldc, c30, c31, cols);
            storePartial(c, co + 4 * ldc, c40, c41, cols);
            storePartial(c, co + 5 * ldc, c50, c51, cols);
        }
    }

    private static void tile1(float[] a, int ao, int aK, int kc, float[] pack, int po, float[] c, int co, int cols) {
        FloatVector c0 = FloatVector.zero(F), c1 = c0;
        for (int k = 0; k < kc; k++) {
            int p = po + k * NR;
            FloatVector x = FloatVector.broadcast(F, a[ao + k * aK]);
            c0 = FloatVector.fromArray(F, pack, p).fma(x, c0);
            c1 = FloatVector.fromArray(F, pack, p + L).fma(x, c1);
        }
        if (cols == NR) store(c, co, c0, c1);
        else storePartial(c, co, c0, c1, cols);
    }

    private static void store(float[] c, int co, FloatVector v0, FloatVector v1) {
        FloatVector.fromArray(F, c, co).add(v0).intoArray(c, co);
        FloatVector.fromArray(F, c, co + L).add(v1).intoArray(c, co + L);
    }

    private static void storePartial(float[] c, int co, FloatVector v0, FloatVector v1, int cols) {
        VectorMask<Float> m0 = F.indexInRange(0, cols);
        VectorMask<Float> m1 = F.indexInRange(L, cols);
        FloatVector.fromArray(F, c, co, m0).add(v0).intoArray(c, co, m0);
        FloatVector.fromArray(F, c, co + L, m1).add(v1).intoArray(c, co + L, m1);
    }
}
