package dev.colossus.train.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-threaded float32 matrix product {@code C(m,n) += Σ_k A(m,k) · B(k,n)} on strided views of float arrays:
 * {@code A(m,k) = a[aOff + m*aM + k*aK]}, {@code B(k,n) = b[bOff + k*bK + n*bN]},
 * {@code C(m,n) = c[cOff + m*ldc + n]}. The strides express every transpose the training passes need
 * ({@code X·Wᵀ}, {@code dY·W}, {@code dYᵀ·X}, attention's products) without copying the operands first.
 * <p>Blocked like GotoBLAS: {@code B} is packed in strips of {@link #NR} columns ({@value #KC} × {@value #NC}
 * blocks into this thread's scratch, or whole and shared by the threads), and register tiles of {@value #MR} ×
 * {@link #NR} (two vectors per row) accumulate over {@value #KC} steps of {@code k} with one broadcast of {@code A}
 * per row and step; {@code A} is packed {@value #MC} rows at a time in strips of {@value #MR} rows. Every
 * inner-loop access is then a constant stride (so the JIT drops the bounds checks) and the B strip stays in L1 for
 * all rows of the block; edges are padded with zeros.
 * <p>Thread safety: stateless apart from per-thread packing buffers; callers give threads disjoint rows of C.
 */
final class Gemm {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** {@link #MR} lanes, for packing the rows of a transposed A. */
    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    /** Columns of a register tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows of a register tile (with two vectors per row, 8 accumulators: more would spill on AVX2). */
    static final int MR = 4;
    /** Rows of a packed block of A. */
    private static final int MC = 96;
    /** Depth of the packed blocks. */
    private static final int KC = 256;
    /** Columns of a packed block of B. */
    private static final int NC = 16 * NR;
    /** Strips of B whose tiles are gathered before they are added to C. */
    private static final int CHUNK_STRIPS = 16;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() ->
            new float[][]{new float[KC * NC], new float[KC * MC], new float[CHUNK_STRIPS * MC * NR]});

    private Gemm() {
    }

    /** Rows {@code [m0, m1)} of {@code C += A·B} over {@code n ∈ [0, nCount)}, {@code k ∈ [0, kCount)}. */
    static void mulAdd(int m0, int m1, int nCount, int kCount,
                       float[] a, int aOff, int aM, int aK,
                       float[] b, int bOff, int bK, int bN,
                       float[] c, int cOff, int ldc) {
        if (m1 <= m0 || nCount <= 0 || kCount <= 0) return;
        float[] packB = BUFFERS.get()[0];
        for (int n0 = 0; n0 < nCount; n0 += NC) {
            int nc = Math.min(NC, nCount - n0);
            for (int k0 = 0; k0 < kCount; k0 += KC) {
                int kc = Math.min(KC, kCount - k0);
                packB(b, bOff + k0 * bK + n0 * bN, bK, bN, kc, nc, packB, 0);
                multiplyPacked(m0, m1, nc, k0, kc, a, aOff, aM, aK, packB, 0, kc, c, cOff + n0, ldc);
            }
        }
    }

    /** Floats that {@link #packAll} writes for a {@code kCount × nCount} matrix B. */
    static int packedSize(int kCount, int nCount) {
        return kCount * ((nCount + NR - 1) / NR * NR);
    }

    /** Number of column strips of {@link #NR} that {@link #packAll} writes; a thread may pack any range of them. */
    static int strips(int nCount) {
        return (nCount + NR - 1) / NR;
    }

    /**
     * Packs the column strips {@code [s0, s1)} of the whole {@code kCount × nCount} matrix B into {@code packed}
     * (strip {@code p} at {@code p * kCount * NR}, rows of {@link #NR}) for {@link #mulAddPacked}; threads can pack
     * disjoint strip ranges of one shared buffer.
     */
    static void packAll(float[] b, int bOff, int bK, int bN, int kCount, int nCount, int s0, int s1, float[] packed) {
        for (int p = s0; p < s1; p++) {
            int cols = Math.min(NR, nCount - p * NR);
            packB(b, bOff + p * NR * bN, bK, bN, kCount, cols, packed, p * kCount * NR);
        }
    }

    /**
     * Rows {@code [m0, m1)} of {@code C += A·B} with B packed whole by {@link #packAll}. Each block of A is packed
     * once for all of B's columns: B's strips come from L2 or L3, one at a time, and stay in L1 for
     * every row of the block.
     */
    static void mulAddPacked(int m0, int m1, int nCount, int kCount, float[] a, int aOff, int aM, int aK,
                             float[] packed, float[] c, int cOff, int ldc) {
        if (m1 <= m0 || nCount <= 0 || kCount <= 0) return;
        for (int k0 = 0; k0 < kCount; k0 += KC) {
            int kc = Math.min(KC, kCount - k0);
            multiplyPacked(m0, m1, nCount, k0, kc, a, aOff, aM, aK, packed, k0 * NR, kCount, c, cOff, ldc);
        }
    }

    /**
     * {@code C[m0..m1)[0..nc) += A[m0..m1)[k0..k0+kc) · B}, with B's strips at {@code packed[pOff + p*stripRows*NR]}
     * (rows of {@link #NR} floats); A is packed a block of {@value #MC} rows at a time. The register tiles of
     * {@value #CHUNK_STRIPS} strips are stored side by side in this thread's tile buffer, then added to C a row
     * at a time: C is read and written in sequence, where tile by tile it would be a column of cache lines with a
     * row's stride between them, each a miss the prefetcher does not foresee.
     */
    private static void multiplyPacked(int m0, int m1, int nc, int k0, int kc, float[] a, int aOff, int aM, int aK,
                                       float[] packed, int pOff, int stripRows, float[] c, int cOff, int ldc) {
        float[][] buffers = BUFFERS.get();
        float[] packA = buffers[1], tiles = buffers[2];
        int strips = (nc + NR - 1) / NR;
        for (int mc = m0; mc < m1; mc += MC) {
            int rows = Math.min(MC, m1 - mc), tileRows = (rows + MR - 1) / MR;
            packA(a, aOff + mc * aM + k0 * aK, aM, aK, rows, kc, packA);
            for (int p0 = 0; p0 < strips; p0 += CHUNK_STRIPS) {
                int p1 = Math.min(strips, p0 + CHUNK_STRIPS);
                for (int p = p0; p < p1; p++) {
                    int bo = pOff + p * stripRows * NR, to = (p - p0) * tileRows * MR * NR;
                    for (int t = 0; t < tileRows; t++) tile(packA, t * kc * MR, packed, bo, kc, tiles, to + t * MR * NR);
                }
                addTiles(tiles, tileRows, p0, p1, nc, rows, c, cOff + mc * ldc, ldc);
            }
        }
    }

    /**
     * Adds the valid {@code rows} × columns of the tiles of strips {@code [p0, p1)} (tile {@code t} of strip
     * {@code p} at {@code ((p - p0) * tileRows + t) * MR * NR}) to C, whose row 0 is at {@code co}.
     */
    private static void addTiles(float[] tiles, int tileRows, int p0, int p1, int nc, int rows, float[] c, int co,
                                 int ldc) {
        for (int r = 0; r < rows; r++) {
            int row = co + r * ldc, src = (r / MR) * MR * NR + (r % MR) * NR;
            for (int p = p0; p < p1; p++, src += tileRows * MR * NR) {
                int dst = row + p * NR, cols = Math.min(NR, nc - p * NR);
                if (cols == NR) {
                    FloatVector.fromArray(F, c, dst).add(FloatVector.fromArray(F, tiles, src)).intoArray(c, dst);
                    FloatVector.fromArray(F, c, dst + L).add(FloatVector.fromArray(F, tiles, src + L))
                            .intoArray(c, dst + L);
                } else {
                    for (int j = 0; j < cols; j++) c[dst + j] += tiles[src + j];
                }
            }
        }
    }

    /** Packs {@code kc × nc} of B in strips of {@link #NR} columns, {@code k} outer, zero-padded on the right. */
    private static void packB(float[] b, int off, int bK, int bN, int kc, int nc, float[] pack, int packOff) {
        for (int p = 0; p * NR < nc; p++) {
            int cols = Math.min(NR, nc - p * NR);
            int po = packOff + p * kc * NR;
            int col0 = off + p * NR * bN;
            if (bN == 1 && cols == NR) {
                for (int k = 0; k < kc; k++) {
                    int src = col0 + k * bK, dst = po + k * NR;
                    FloatVector.fromArray(F, b, src).intoArray(pack, dst);
                    FloatVector.fromArray(F, b, src + L).intoArray(pack, dst + L);
                }
            } else if (bK == 1) {
                for (int j = 0; j < cols; j++) {
                    int src = col0 + j * bN;
                    for (int k = 0; k < kc; k++) pack[po + k * NR + j] = b[src + k];
                }
                for (int j = cols; j < NR; j++) for (int k = 0; k < kc; k++) pack[po + k * NR + j] = 0f;
            } else {
                for (int k = 0; k < kc; k++) {
                    int src = col0 + k * bK, dst = po + k * NR;
                    for (int j = 0; j < cols; j++) pack[dst + j] = b[src + j * bN];
                    for (int j = cols; j < NR; j++) pack[dst + j] = 0f;
                }
            }
        }
    }

    /** Packs {@code rows × kc} of A in strips of {@value #MR} rows, {@code k} outer, zero-padded at the bottom. */
    private static void packA(float[] a, int off, int aM, int aK, int rows, int kc, float[] pack) {
        int whole = rows / MR;
        if (aM == 1) {
            // A transposed (dYᵀ of a weight gradient): each k holds the block's rows side by side, MR at a time
            for (int k = 0; k < kc; k++) {
                for (int t = 0, src = off + k * aK; t < whole; t++) {
                    FloatVector.fromArray(F4, a, src + t * MR).intoArray(pack, t * kc * MR + k * MR);
                }
            }
            if (whole * MR == rows) return;
        }
        for (int t = aM == 1 ? whole : 0; t * MR < rows; t++) {
            int r = Math.min(MR, rows - t * MR);
            int po = t * kc * MR;
            int row0 = off + t * MR * aM;
            if (aK == 1) {
                for (int i = 0; i < r; i++) {
                    int src = row0 + i * aM;
                    for (int k = 0; k < kc; k++) pack[po + k * MR + i] = a[src + k];
                }
            } else {
                for (int k = 0; k < kc; k++) {
                    int src = row0 + k * aK, dst = po + k * MR;
                    for (int i = 0; i < r; i++) pack[dst + i] = a[src + i * aM];
                }
            }
            for (int i = r; i < MR; i++) for (int k = 0; k < kc; k++) pack[po + k * MR + i] = 0f;
        }
    }

    /** One {@value #MR} × {@link #NR} tile, stored (rows of {@link #NR}) at {@code out[o ..]}. */
    private static void tile(float[] pa, int ao, float[] pb, int bo, int kc, float[] out, int o) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        for (int k = 0; k < kc; k++) {
            int p = bo + k * NR, q = ao + k * MR;
            FloatVector b0 = FloatVector.fromArray(F, pb, p);
            FloatVector b1 = FloatVector.fromArray(F, pb, p + L);
            FloatVector x = FloatVector.broadcast(F, pa[q]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(F, pa[q + 1]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(F, pa[q + 2]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(F, pa[q + 3]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c10.intoArray(out, o + NR);
        c11.intoArray(out, o + NR + L);
        c20.intoArray(out, o + 2 * NR);
        c21.intoArray(out, o + 2 * NR + L);
        c30.intoArray(out, o + 3 * NR);
        c31.intoArray(out, o + 3 * NR + L);
    }
}
