package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Shared frame of the 32-weight block types whose activations are rounded to Q8_0 (Q4_0 and Q8_0), repacked when
 * loaded into groups of {@link #G} consecutive rows, {@code G} being the number of 16-bit lanes in the platform's
 * vectors (32 with AVX-512). Within a group, block {@code b} of all {@code G} rows is stored together: its quants
 * interleaved so that {@code G} consecutive bytes hold the same position of every row, then the {@code G} F16 scales.
 * One vector load thus carries one weight of each of {@code G} rows, and the kernels keep {@code G} row sums in
 * vector lanes: integer sums of 8-bit products per block, as llama.cpp's CPU backend computes them, and no
 * horizontal reductions. The repacked matrix takes exactly as many bytes as the file's, in memory of the caller's
 * arena; the file's pages are released from memory once read.
 * <p>Products with one vector run on integers ({@link #dotGroup}); products with several decode each group once
 * into a float tile, one row per lane, and multiply it with every vector ({@link #tileProducts}).
 * <p>Thread safety: immutable once built; kernels use per-thread scratch buffers.
 */
abstract sealed class RowGroupMatrix extends AbstractMatrix permits Q4_0Matrix, Q8_0Matrix {
    static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED.length() >= 8
            ? ShortVector.SPECIES_PREFERRED : ShortVector.SPECIES_128;
    /** Rows per group: one per 16-bit lane. */
    static final int G = S.length();
    /** Bytes of one weight position across a group's rows. */
    static final VectorSpecies<Byte> BG = VectorSpecies.of(byte.class, VectorShape.forBitSize(G * 8));
    /** Half a group's scales, widened to ints. */
    private static final VectorSpecies<Short> SH = VectorSpecies.of(short.class, VectorShape.forBitSize(G * 8));
    static final VectorSpecies<Integer> IH = VectorSpecies.of(int.class, S.vectorShape());
    /** Half a group's rows as floats. */
    static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, S.vectorShape());
    static final int HALF = G / 2;
    static final int BLOCK = 32;
    /** 2^112: the factor between an F16 and its bits moved into a float's place, see {@link #scales}. */
    static final float F16_SHIFT = 0x1p112f;
    private static final ValueLayout.OfShort SHORT_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final int blocks;
    final int groups;
    /** Bytes of one row's block in the file: the F16 scale then the quants. */
    final int fileBlockBytes;
    /** Bytes of a group's quants for one block; its scales follow. */
    final int quantBytes;
    final long groupBlockBytes;

    RowGroupMatrix(GgmlType type, MemorySegment ggml, int rows, int cols, Arena arena) {
        super(type, pack(type, ggml, rows, cols, arena), rows, cols);
        this.blocks = cols / BLOCK;
        this.groups = (rows + G - 1) / G;
        this.fileBlockBytes = (int) type.bytesFor(BLOCK);
        this.quantBytes = (fileBlockBytes - 2) * G;
        this.groupBlockBytes = (long) fileBlockBytes * G;
    }

    /**
     * Reorders the file's rows into groups (the last one padded with zero rows) in memory of {@code arena}, then
     * releases the file's pages: the repacked copy is the one read from now on.
     */
    private static MemorySegment pack(GgmlType type, MemorySegment ggml, int rows, int cols, Arena arena) {
        if (cols % BLOCK != 0) {
            throw new IllegalArgumentException(type + " rows must be a multiple of " + BLOCK + ", not " + cols);
        }
        int rowBytes = Math.toIntExact(type.bytesFor(cols));
        if (ggml.byteSize() != (long) rowBytes * rows) {
            throw new IllegalArgumentException(type + " " + rows + "x" + cols + " takes " + (long) rowBytes * rows
                    + " bytes, the data has " + ggml.byteSize());
        }
        int fileBlock = (int) type.bytesFor(BLOCK);
        int quants = fileBlock - 2;
        int blocks = cols / BLOCK;
        int groups = (rows + G - 1) / G;
        MemorySegment packed = arena.allocate((long) groups * G * rowBytes, 64);
        byte[] in = new byte[G * rowBytes];
        byte[] out = new byte[G * rowBytes];
        for (int g = 0; g < groups; g++) {
            int n = Math.min(G, rows - g * G);
            java.util.Arrays.fill(in, (byte) 0);
            MemorySegment.copy(ggml, ValueLayout.JAVA_BYTE, (long) g * G * rowBytes, in, 0, n * rowBytes);
            for (int b = 0; b < blocks; b++) {
                int o = b * fileBlock * G;
                for (int lane = 0; lane < G; lane++) {
                    int src = lane * rowBytes + b * fileBlock;
                    out[o + quants * G + 2 * lane] = in[src];
                    out[o + quants * G + 2 * lane + 1] = in[src + 1];
                    for (int j = 0; j < quants; j++) out[o + j * G + lane] = in[src + 2 + j];
                }
            }
            MemorySegment.copy(out, 0, packed, ValueLayout.JAVA_BYTE, (long) g * G * rowBytes, G * rowBytes);
        }
        if (ggml.isMapped()) ggml.unload();
        return packed;
    }

    /** Offset of group {@code g}'s block {@code b}. */
    final long groupBlock(int g, int b) {
        return ((long) g * blocks + b) * groupBlockBytes;
    }

    /** Quant byte {@code j} of row {@code row}'s block {@code b}. */
    final int quant(int row, int b, int j) {
        return data.get(ValueLayout.JAVA_BYTE, groupBlock(row / G, b) + (long) j * G + row % G);
    }

    /** Row {@code row}'s scale of block {@code b}. */
    final float scale(int row, int b) {
        return Float.float16ToFloat(data.get(SHORT_LE, groupBlock(row / G, b) + quantBytes + 2L * (row % G)));
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

    /**
     * Half {@code half} of the group's F16 scales at {@code offset}, divided by {@link #F16_SHIFT}: the F16 bits
     * moved into a float's sign, exponent and mantissa places, three integer operations (no F16 conversion exists for
     * vectors). Exact for every finite F16, subnormals included.
     */
    final FloatVector scales(long offset, int half) {
        IntVector h = (IntVector) ShortVector.fromMemorySegment(SH, data, offset + 2L * HALF * half,
                ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.S2I, IH, 0);
        return h.lanewise(VectorOperators.LSHL, 13).and(0x8FFFFFFF).reinterpretAsFloats();
    }

    /** Half {@code half} of a 16-bit lane vector, as floats. */
    static FloatVector toFloat(ShortVector v, int half) {
        return (FloatVector) v.convertShape(VectorOperators.S2F, FH, half);
    }

    @Override
    public final ActivationRounding activationRounding() {
        return ActivationRounding.Q8_0;
    }

    @Override
    public final float dot(int row, float[] x, int offset) {
        float[] w = scratch(1, cols);
        dequantizeRow(row, w, 0);
        return VectorMath.dot(w, 0, x, offset, cols);
    }

    /**
     * One vector: integer kernels on its 8-bit form; several: each group decoded once into a float tile and
     * multiplied with all of them.
     */
    @Override
    public final void matmulRounded(float[] xr, int n, float[] out, int rowStart, int rowEnd) {
        if (rowStart >= rowEnd) return;
        float[] sums = scratch(2, 8 * G);
        int first = rowStart / G, last = (rowEnd - 1) / G;
        if (n == 1) {
            matvec(Q8Activations.local(xr, cols), out, rowStart, rowEnd);
            return;
        }
        float[] tile = scratch(1, cols * G);
        for (int g = first; g <= last; g++) {
            decodeGroup(g, tile);
            int v = 0;
            for (; v + 8 <= n; v += 8) {
                tileProducts8(tile, xr, v, sums);
                for (int i = 0; i < 8; i++) store(sums, i * G, g, out, (v + i) * rows, rowStart, rowEnd);
            }
            for (; v + 4 <= n; v += 4) {
                tileProducts4(tile, xr, v, sums);
                for (int i = 0; i < 4; i++) store(sums, i * G, g, out, (v + i) * rows, rowStart, rowEnd);
            }
            for (; v < n; v++) {
                tileProducts1(tile, xr, v, sums);
                store(sums, 0, g, out, v * rows, rowStart, rowEnd);
            }
        }
    }

    /** {@code out[r] = row r · a} for rows {@code [rowStart, rowEnd)}, on the activations' 8-bit form. */
    final void matvec(Q8Activations a, float[] out, int rowStart, int rowEnd) {
        if (rowStart >= rowEnd) return;
        float[] sums = scratch(2, G);
        for (int g = rowStart / G; g <= (rowEnd - 1) / G; g++) {
            dotGroup(g, a, sums);
            store(sums, 0, g, out, 0, rowStart, rowEnd);
        }
    }

    /** Group {@code g}'s rows times the prepared activations, into {@code sums[0 .. G)}. */
    abstract void dotGroup(int g, Q8Activations a, float[] sums);

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

    /** The decoded group times vectors {@code v .. v+3}: each tile load serves four vectors. */
    private void tileProducts4(float[] tile, float[] x, int v, float[] sums) {
        FloatVector a00 = FloatVector.zero(FH), a01 = a00, a10 = a00, a11 = a00;
        FloatVector a20 = a00, a21 = a00, a30 = a00, a31 = a00;
        int x0 = v * cols, x1 = x0 + cols, x2 = x1 + cols, x3 = x2 + cols;
        for (int i = 0; i < cols; i++) {
            FloatVector w0 = FloatVector.fromArray(FH, tile, i * G);
            FloatVector w1 = FloatVector.fromArray(FH, tile, i * G + HALF);
            FloatVector xv = FloatVector.broadcast(FH, x[x0 + i]);
            a00 = w0.fma(xv, a00);
            a01 = w1.fma(xv, a01);
            xv = FloatVector.broadcast(FH, x[x1 + i]);
            a10 = w0.fma(xv, a10);
            a11 = w1.fma(xv, a11);
            xv = FloatVector.broadcast(FH, x[x2 + i]);
            a20 = w0.fma(xv, a20);
            a21 = w1.fma(xv, a21);
            xv = FloatVector.broadcast(FH, x[x3 + i]);
            a30 = w0.fma(xv, a30);
            a31 = w1.fma(xv, a31);
        }
        a00.intoArray(sums, 0);
        a01.intoArray(sums, HALF);
        a10.intoArray(sums, G);
        a11.intoArray(sums, G + HALF);
        a20.intoArray(sums, 2 * G);
        a21.intoArray(sums, 2 * G + HALF);
        a30.intoArray(sums, 3 * G);
        a31.intoArray(sums, 3 * G + HALF);
    }
}
