package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Shared frame of the quantized types, whose products run on 8-bit activations ({@link Q8Activations}), repacked when
 * loaded into groups of {@link #G} consecutive rows, {@code G} being the number of 16-bit lanes in the platform's
 * vectors (8, 16 or 32 with 128-, 256- or 512-bit vectors), so the kernels follow the width the JVM reports. Within
 * a group, block {@code b} (32 weights) of all {@code G} rows is stored together: its quants interleaved
 * ({@link #pairLayout}) so that one vector load carries the same two weights of half the group's rows, then the
 * rows' scale data (Q4_0, Q8_0: the {@code G} scales as F32; the K-quants: per-row sub-block scales as bytes, their
 * super-block scales after all blocks). The kernels keep the row sums in vector lanes: integer sums of 8-bit
 * products per block, as llama.cpp's CPU backend computes them, and no horizontal reductions. The repacked matrix
 * lives in memory of the caller's arena; the file's pages are released from memory once read.
 * <p>Products with vectors for which {@link #integerFor} holds run on integers ({@link #blockSums}); others decode
 * each group once into a float tile, one row per lane, and multiply it with every vector ({@link #decodeGroup}).
 * <p>Thread safety: immutable once built; kernels use per-thread scratch buffers.
 */
abstract sealed class RowGroupMatrix extends AbstractMatrix permits Q4_0Matrix, Q8_0Matrix, Q4_KMatrix, Q6_KMatrix {
    static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED.length() >= 8
            ? ShortVector.SPECIES_PREFERRED : ShortVector.SPECIES_128;
    /** Rows per group: one per 16-bit lane. */
    static final int G = S.length();
    /** Bytes of one weight position across a group's rows. */
    static final VectorSpecies<Byte> BG = VectorSpecies.of(byte.class, VectorShape.forBitSize(G * 8));
    static final VectorSpecies<Integer> IH = VectorSpecies.of(int.class, S.vectorShape());
    /** Half a group's rows as floats. */
    static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, S.vectorShape());
    static final int HALF = G / 2;
    static final int BLOCK = 32;
    static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final int blocks;
    /** Bytes of a group's quants for one block; its scales follow. */
    final int quantBytes;
    final long groupBlockBytes;

    /** Where quant byte {@code j} of a block of the group's row {@code lane} goes among the group's quant bytes. */
    @FunctionalInterface
    interface QuantLayout {
        int offset(int j, int lane);
    }

    /**
     * Bytes in pairs: a group's {@code bytesPerRow} quant bytes of a block form runs of {@code G} bytes, run
     * {@code h * bytesPerRow / 2 + p} holding bytes {@code 2p} and {@code 2p + 1} of the rows of half {@code h}
     * ({@link #HALF} rows, each row's two bytes side by side). A 16-bit lane then meets one activation of a 32-bit
     * broadcast of two (one load, no shuffle), and one broadcast serves both halves.
     */
    static int pairLayout(int j, int lane, int bytesPerRow) {
        return ((lane / HALF) * (bytesPerRow / 2) + j / 2) * G + 2 * (lane % HALF) + (j & 1);
    }

    /** Even lanes first, then odd ones: a run of pairs split into its two byte positions. */
    static final VectorShuffle<Short> SPLIT_PAIRS = VectorShuffle.fromOp(S, i -> i < HALF ? 2 * i : 2 * (i - HALF) + 1);

    /** Each row's two 16-bit lanes (a pair run's products) added in a 32-bit lane. */
    static IntVector rowSums(ShortVector pairs) {
        IntVector v = pairs.reinterpretAsInts();
        return v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                .add(v.lanewise(VectorOperators.ASHR, 16));
    }

    /** The activation pair {@code pair} (two 16-bit integers in an int) in every lane pair. */
    static ShortVector broadcastPair(int pair) {
        return IntVector.broadcast(IH, pair).reinterpretAsShorts();
    }

    private final QuantLayout layout;

    RowGroupMatrix(GgmlType type, MemorySegment ggml, int rows, int cols, Arena arena, QuantLayout layout) {
        this(type, pack(type, ggml, rows, cols, arena, layout), rows, cols, layout, quantBytes(type),
                quantBytes(type) + 4L * G);
    }

    /**
     * A matrix over {@code packed}, already in groups: per group and block of 32 weights, {@code quantBytes} of
     * quants in {@code layout} then the block's per-row scale data, {@code groupBlockBytes} in all.
     */
    RowGroupMatrix(GgmlType type, MemorySegment packed, int rows, int cols, QuantLayout layout, int quantBytes,
                   long groupBlockBytes) {
        super(type, packed, rows, cols);
        this.layout = layout;
        this.blocks = cols / BLOCK;
        this.quantBytes = quantBytes;
        this.groupBlockBytes = groupBlockBytes;
    }

    /** Row groups of a matrix of {@code rows} rows. */
    static int groups(int rows) {
        return (rows + G - 1) / G;
    }

    /**
     * Reorders the file's rows into groups (the last one padded with zero rows) in memory of {@code arena},
     * releasing the file's pages as it goes: the repacked copy is the one read from now on, and the process never
     * holds both (beyond a megabyte or so).
     */
    private static MemorySegment pack(GgmlType type, MemorySegment ggml, int rows, int cols, Arena arena,
                                      QuantLayout layout) {
        if (cols % BLOCK != 0) {
            throw new IllegalArgumentException(type + " rows must be a multiple of " + BLOCK + ", not " + cols);
        }
        int rowBytes = Math.toIntExact(type.bytesFor(cols));
        int fileBlock = (int) type.bytesFor(BLOCK);
        int quants = fileBlock - 2;
        int blocks = cols / BLOCK;
        int groups = groups(rows);
        int groupBlock = quantBytes(type) + 4 * G;
        MemorySegment packed = arena.allocate((long) groups * blocks * groupBlock, 64);
        byte[] out = new byte[blocks * groupBlock];
        forEachGroup(type, ggml, rows, cols, rowBytes, (g, in) -> {
            for (int b = 0; b < blocks; b++) {
                int o = b * groupBlock;
                for (int lane = 0; lane < G; lane++) {
                    int src = lane * rowBytes + b * fileBlock;
                    float scale = Float.float16ToFloat((short) ((in[src] & 0xFF) | in[src + 1] << 8));
                    int bits = Float.floatToRawIntBits(scale);
                    for (int k = 0; k < 4; k++) out[o + quants * G + 4 * lane + k] = (byte) (bits >>> 8 * k);
                    for (int j = 0; j < quants; j++) out[o + layout.offset(j, lane)] = in[src + 2 + j];
                }
            }
            MemorySegment.copy(out, 0, packed, ValueLayout.JAVA_BYTE, (long) g * out.length, out.length);
        });
        return packed;
    }

    /** Receives each row group to repack: group {@code g}'s rows in the file's layout, missing rows zero. */
    @FunctionalInterface
    interface GroupPacker {
        void pack(int g, byte[] rows);
    }

    /**
     * Checks that {@code ggml} holds {@code rows} rows of {@code rowBytes} bytes, hands each group of {@link #G} rows
     * to {@code packer} in order (the same array each time), releasing the file's pages as it goes, and unloads the
     * file at the end: the repacked copy is the one read from then on, and the process never holds both.
     */
    static void forEachGroup(GgmlType type, MemorySegment ggml, int rows, int cols, int rowBytes, GroupPacker packer) {
        if (ggml.byteSize() != (long) rowBytes * rows) {
            throw new IllegalArgumentException(type + " " + rows + "x" + cols + " takes " + (long) rowBytes * rows
                    + " bytes, the data has " + ggml.byteSize());
        }
        byte[] in = new byte[G * rowBytes];
        long released = 0;
        for (int g = 0; g < groups(rows); g++) {
            int n = Math.min(G, rows - g * G);
            java.util.Arrays.fill(in, (byte) 0);
            MemorySegment.copy(ggml, ValueLayout.JAVA_BYTE, (long) g * G * rowBytes, in, 0, n * rowBytes);
            released = release(ggml, released, (long) g * G * rowBytes);
            packer.pack(g, in);
        }
        if (ggml.isMapped()) ggml.unload();
    }

    /** Bytes of the file released at a time while packing, and how far behind the read position. */
    private static final long RELEASE_STEP = 1 << 20, RELEASE_LAG = 256 << 10;

    /**
     * Releases the pages of a mapped {@code file} from {@code released} to a little behind {@code position} once a
     * step's worth has been read; returns the new release mark. The lag is there because a page fault maps the
     * neighbouring pages too (the kernel's fault-around), which would bring back pages released just before.
     */
    private static long release(MemorySegment file, long released, long position) {
        long end = position - RELEASE_LAG;
        if (!file.isMapped() || end - released < RELEASE_STEP) return released;
        file.asSlice(released, end - released).unload();
        return end;
    }

    private static int quantBytes(GgmlType type) {
        return (int) (type.bytesFor(BLOCK) - 2) * G;
    }

    /** Offset of group {@code g}'s block {@code b}. */
    final long groupBlock(int g, int b) {
        return ((long) g * blocks + b) * groupBlockBytes;
    }

    /** Quant byte {@code j} of row {@code row}'s block {@code b}. */
    final int quant(int row, int b, int j) {
        return data.get(ValueLayout.JAVA_BYTE, groupBlock(row / G, b) + layout.offset(j, row % G));
    }

    /** Row {@code row}'s scale of block {@code b}. */
    final float scale(int row, int b) {
        return data.get(FLOAT_LE, groupBlock(row / G, b) + quantBytes + 4L * (row % G));
    }

    /** The {@code G} quant bytes at {@code offset}, widened to 16-bit lanes (sign-extended). */
    final ShortVector signedBytes(long offset) {
        return (ShortVector) ByteVector.fromMemorySegment(BG, data, offset, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2S, S, 0);
    }

    /** The {@code G} quant bytes at {@code offset}, widened to 16-bit lanes (zero-extended). */
    final ShortVector unsignedBytes(long offset) {
        return (ShortVector) ByteVector.fromMemorySegment(BG, data, offset, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
    }


    /** 32-bit lanes as floats. */
    static FloatVector toFloat(IntVector v) {
        return (FloatVector) v.convert(VectorOperators.I2F, 0);
    }

    /** Half {@code half} of a 16-bit lane vector, as floats. */
    static FloatVector toFloat(ShortVector v, int half) {
        return (FloatVector) v.convertShape(VectorOperators.S2F, FH, half);
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_0;
    }

    @Override
    public final float dot(int row, float[] x, int offset) {
        float[] w = scratch(1, cols);
        dequantizeRow(row, w, 0);
        return VectorMath.dot(w, 0, x, offset, cols);
    }

    /**
     * Fewer than {@link #INTEGER_BELOW} vectors: integer kernels on their 8-bit form; more: each group decoded once
     * into a float tile and multiplied with all of them.
     */
    @Override
    public final void matmulRounded(float[] xr, int n, float[] out, int rowStart, int rowEnd) {
        if (rowStart >= rowEnd) return;
        if (integerFor(n)) {
            integerProducts(Q8Activations.local(xr, n, cols, activationRounding()), out, rowStart, rowEnd);
            return;
        }
        float[] sums = scratch(2, 8 * G);
        float[] tile = scratch(1, cols * G);
        for (int g = rowStart / G; g <= (rowEnd - 1) / G; g++) {
            decodeGroup(g, tile);
            int v = 0;
            for (; v + 8 <= n; v += 8) {
                tileProducts8(tile, xr, v, sums);
                for (int i = 0; i < 8; i++) store(sums, i * G, g, out, (v + i) * rows, rowStart, rowEnd);
            }
            for (; v < n; v++) {
                tileProducts1(tile, xr, v, sums);
                store(sums, 0, g, out, v * rows, rowStart, rowEnd);
            }
        }
    }

    /**
     * Below this many vectors the products run on integers, each group's weights read once from memory and then
     * from the cache for every vector; from it on, a float tile decoded once per group is cheaper.
     */
    static final int INTEGER_BELOW = 8;

    /** Whether a product with {@code n} vectors runs on integers ({@link #integerProducts}). */
    boolean integerFor(int n) {
        return n < INTEGER_BELOW;
    }

    /**
     * {@code out[v * rows + r] = row r · vector v} for the vectors of {@code a} and rows {@code [rowStart, rowEnd)},
     * on the activations' 8-bit form.
     */
    final void integerProducts(Q8Activations a, float[] out, int rowStart, int rowEnd) {
        if (rowStart >= rowEnd) return;
        float[] sums = scratch(2, G);
        int[] blockSums = blockSumScratch(2 * blocks * G);
        for (int g = rowStart / G; g <= (rowEnd - 1) / G; g++) {
            for (int v = 0; v < a.count; v++) {
                blockSums(g, a, v, blockSums);
                scaleAndAdd(g, a, v, blockSums, sums);
                store(sums, 0, g, out, v * rows, rowStart, rowEnd);
            }
        }
    }

    /**
     * Each block's integer sums times the block's weight and vector {@code v}'s scale, added up per row. A separate
     * method from {@link #blockSums}: the JIT compiles vector code only within a size budget, and one method doing
     * both exceeds it (some vector operations then fall back to slow Java code).
     */
    void scaleAndAdd(int g, Q8Activations a, int v, int[] blockSums, float[] sums) {
        FloatVector acc0 = FloatVector.zero(FH), acc1 = acc0;
        for (int b = 0; b < blocks; b++) {
            long scales = groupBlock(g, b) + quantBytes;
            float d = a.scale[v * blocks + b];
            FloatVector s0 = (FloatVector) IntVector.fromArray(IH, blockSums, b * G).convert(VectorOperators.I2F, 0);
            FloatVector s1 = (FloatVector) IntVector.fromArray(IH, blockSums, b * G + HALF)
                    .convert(VectorOperators.I2F, 0);
            acc0 = s0.mul(d).fma(floats(scales, 0), acc0);
            acc1 = s1.mul(d).fma(floats(scales, 1), acc1);
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, HALF);
    }

    /**
     * Group {@code g}'s integer sums of weight quants times the integers of vector {@code v} of {@code a}, per block
     * and row: {@code sums[b * G + lane]} (or, for types with two scales per block, {@code sums[(2b + k) * G + lane]}
     * for its halves {@code k}; {@link #scaleAndAdd} reads them back).
     */
    abstract void blockSums(int g, Q8Activations a, int v, int[] sums);

    /**
     * {@link #blockSums} for quants stored as Q4_0 stores them (byte {@code j} of a block: weight {@code j} in its low
     * nibble, weight {@code j + 16} in its high one; bytes in pairs), each row's sum less {@code bias * sum(q)}.
     * Sums of products in 16-bit lanes, one lane per row and byte parity. Whole bytes {@code lo + 16 hi} are
     * multiplied (one vector operation fewer than splitting them) with the pairs of
     * {@link Q8Activations#nibblePairs}: {@code byte * q[j] + hi * (q[j + 16] - 16 q[j]) = lo * q[j] + hi * q[j + 16]}.
     * A lane's true sum is within 8 * 2 * 15 * 127 = 30480, so it fits 16 bits; the row sums, each two lanes
     * minus {@code bias * sum(q)}, are formed in 32-bit lanes.
     */
    final void nibbleBlockSums(int g, Q8Activations a, int v, int[] sums, int bias) {
        int[] pairs = a.nibblePairs;
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            int xo = (v * blocks + b) * 16;
            ShortVector s0 = ShortVector.zero(S), s1 = s0;
            for (int p = 0; p < 8; p++) {
                ShortVector lo = broadcastPair(pairs[xo + p]);
                ShortVector hi = broadcastPair(pairs[xo + 8 + p]);
                ShortVector w0 = unsignedBytes(o + (long) p * G);
                ShortVector w1 = unsignedBytes(o + (long) (8 + p) * G);
                s0 = s0.add(w0.mul(lo)).add(w0.lanewise(VectorOperators.LSHR, 4).mul(hi));
                s1 = s1.add(w1.mul(lo)).add(w1.lanewise(VectorOperators.LSHR, 4).mul(hi));
            }
            int offset = -bias * a.sum[v * blocks + b];
            rowSums(s0).add(offset).intoArray(sums, b * G);
            rowSums(s1).add(offset).intoArray(sums, b * G + HALF);
        }
    }

    /**
     * Half {@code h} of block {@code b} (quants at {@code o}, stored as {@link #nibbleBlockSums} reads them) decoded
     * into {@code tile}: each weight {@code nibble * d + m}, one FMA.
     */
    final void decodeNibbles(long o, int b, int h, FloatVector d, FloatVector m, float[] tile) {
        for (int p = 0; p < 8; p++) {
            ShortVector w = unsignedBytes(o + (long) (h * 8 + p) * G).rearrange(SPLIT_PAIRS);
            ShortVector lo = w.and((short) 0xF);
            ShortVector hi = w.lanewise(VectorOperators.LSHR, 4);
            int t = (b * BLOCK + 2 * p) * G + h * HALF;
            toFloat(lo, 0).fma(d, m).intoArray(tile, t);
            toFloat(lo, 1).fma(d, m).intoArray(tile, t + G);
            toFloat(hi, 0).fma(d, m).intoArray(tile, t + 16 * G);
            toFloat(hi, 1).fma(d, m).intoArray(tile, t + 17 * G);
        }
    }

    /**
     * Pair runs {@code [from, to)} of half {@code h} of block {@code b} (signed bytes in pairs at {@code o}, 16 runs
     * per half) decoded into {@code tile}, each weight {@code q * d}.
     */
    final void decodeBytes(long o, int b, int h, int from, int to, FloatVector d, float[] tile) {
        for (int p = from; p < to; p++) {
            ShortVector w = signedBytes(o + (long) (h * 16 + p) * G).rearrange(SPLIT_PAIRS);
            int t = (b * BLOCK + 2 * p) * G + h * HALF;
            toFloat(w, 0).mul(d).intoArray(tile, t);
            toFloat(w, 1).mul(d).intoArray(tile, t + G);
        }
    }

    /**
     * Half {@code half} of the {@code G} ints at {@code offset} (per-row scale data, two 16-bit values in each: read
     * as ints and split with shifts, as converting bytes or shorts to ints costs more).
     */
    final IntVector ints(long offset, int half) {
        return IntVector.fromMemorySegment(IH, data, offset + 4L * HALF * half, ByteOrder.LITTLE_ENDIAN);
    }

    /** The low 16 bits of each lane, zero-extended. */
    static IntVector low(IntVector v) {
        return v.and(0xFFFF);
    }

    /** The low 16 bits of each lane, sign-extended. */
    static IntVector signedLow(IntVector v) {
        return v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16);
    }

    /** The high 16 bits of each lane, sign-extended (zero-extended when they are non-negative). */
    static IntVector high(IntVector v) {
        return v.lanewise(VectorOperators.ASHR, 16);
    }

    /** Half {@code half} of the {@code G} floats at {@code offset}. */
    final FloatVector floats(long offset, int half) {
        return FloatVector.fromMemorySegment(FH, data, offset + 4L * HALF * half, ByteOrder.LITTLE_ENDIAN);
    }

    private static final ThreadLocal<int[][]> BLOCK_SUMS = ThreadLocal.withInitial(() -> new int[1][0]);

    private static int[] blockSumScratch(int size) {
        int[][] holder = BLOCK_SUMS.get();
        if (holder[0].length < size) holder[0] = new int[size];
        return holder[0];
    }

    /** Group {@code g} decoded to floats, position-major: {@code tile[i * G + lane]} is row {@code g*G + lane}'s weight {@code i}. */
    abstract void decodeGroup(int g, float[] tile);

    /** Writes {@code sums[from .. from+G)} for group {@code g}'s rows inside {@code [rowStart, rowEnd)}. */
    private void store(float[] sums, int from, int g, float[] out, int outBase, int rowStart, int rowEnd) {
        int r0 = g * G;
        int lo = Math.max(r0, rowStart), hi = Math.min(r0 + G, rowEnd);
        System.arraycopy(sums, from + lo - r0, out, outBase + lo, hi - lo);
    }

    /** The decoded group times vector {@code v} of {@code x}: one FMA per weight, no horizontal sums. */
    private void tileProducts1(float[] tile, float[] x, int v, float[] sums) {
        FloatVector a0 = FloatVector.zero(FH), a1 = a0;
        int xo = v * cols;
        for (int i = 0; i < cols; i++) {
            FloatVector xv = FloatVector.broadcast(FH, x[xo + i]);
            a0 = FloatVector.fromArray(FH, tile, i * G).fma(xv, a0);
            a1 = FloatVector.fromArray(FH, tile, i * G + HALF).fma(xv, a1);
        }
        a0.intoArray(sums, 0);
        a1.intoArray(sums, HALF);
    }

    /**
     * The decoded group times vectors {@code v .. v+7}: each tile load serves eight vectors, sixteen accumulators
     * in registers.
     */
    private void tileProducts8(float[] tile, float[] x, int v, float[] sums) {
        FloatVector a00 = FloatVector.zero(FH), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00;
        FloatVector a30 = a00, a31 = a00, a40 = a00, a41 = a00, a50 = a00, a51 = a00;
        FloatVector a60 = a00, a61 = a00, a70 = a00, a71 = a00;
        int x0 = v * cols;
        for (int i = 0; i < cols; i++) {
            FloatVector w0 = FloatVector.fromArray(FH, tile, i * G);
            FloatVector w1 = FloatVector.fromArray(FH, tile, i * G + HALF);
            int xi = x0 + i;
            FloatVector xv = FloatVector.broadcast(FH, x[xi]);
            a00 = w0.fma(xv, a00);
            a01 = w1.fma(xv, a01);
            xv = FloatVector.broadcast(FH, x[xi + cols]);
            a10 = w0.fma(xv, a10);
            a11 = w1.fma(xv, a11);
            xv = FloatVector.broadcast(FH, x[xi + 2 * cols]);
            a20 = w0.fma(xv, a20);
            a21 = w1.fma(xv, a21);
            xv = FloatVector.broadcast(FH, x[xi + 3 * cols]);
            a30 = w0.fma(xv, a30);
            a31 = w1.fma(xv, a31);
            xv = FloatVector.broadcast(FH, x[xi + 4 * cols]);
            a40 = w0.fma(xv, a40);
            a41 = w1.fma(xv, a41);
            xv = FloatVector.broadcast(FH, x[xi + 5 * cols]);
            a50 = w0.fma(xv, a50);
            a51 = w1.fma(xv, a51);
            xv = FloatVector.broadcast(FH, x[xi + 6 * cols]);
            a60 = w0.fma(xv, a60);
            a61 = w1.fma(xv, a61);
            xv = FloatVector.broadcast(FH, x[xi + 7 * cols]);
            a70 = w0.fma(xv, a70);
            a71 = w1.fma(xv, a71);
        }
        a00.intoArray(sums, 0);
        a01.intoArray(sums, HALF);
        a10.intoArray(sums, G);
        a11.intoArray(sums, G + HALF);
        a20.intoArray(sums, 2 * G);
        a21.intoArray(sums, 2 * G + HALF);
        a30.intoArray(sums, 3 * G);
        a31.intoArray(sums, 3 * G + HALF);
        a40.intoArray(sums, 4 * G);
        a41.intoArray(sums, 4 * G + HALF);
        a50.intoArray(sums, 5 * G);
        a51.intoArray(sums, 5 * G + HALF);
        a60.intoArray(sums, 6 * G);
        a61.intoArray(sums, 6 * G + HALF);
        a70.intoArray(sums, 7 * G);
        a71.intoArray(sums, 7 * G + HALF);
    }
}
