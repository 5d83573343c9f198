package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * GGML Q4_K: super-blocks of 256 weights in 144 bytes: F16 {@code d}, F16 {@code dmin}, 12 bytes packing eight
 * 6-bit scales and eight 6-bit mins, then 128 bytes of 4-bit values. Sub-block {@code s} (32 weights) decodes as
 * {@code d * scale[s] * q - dmin * min[s]}; each run of 64 weights takes 32 bytes, the first 32 weights from the
 * low nibbles and the next 32 from the high nibbles.
 * <p>Kept repacked in row groups ({@link RowGroupMatrix}): per group and sub-block, the nibbles as Q4_0 orders them
 * (byte {@code j}: weights {@code j} and {@code j + 16}, bytes in pairs), then the rows' scales and mins as 16-bit
 * halves of an int; after all blocks, per group and super-block, the rows' {@code d} and {@code dmin} as F32 (168
 * bytes per 256 weights instead of 144, as Q4_0's F32 scales take 160). Products run on integers as llama.cpp's do: per sub-block the integer sums of nibbles
 * times the 8-bit activations ({@link Q8Activations}, rounded as Q8_K), times the sub-block's scale, added up per
 * super-block, then {@code d * da * sum - dmin * da * sum(min * sum(q))}.
 * <p>Thread safety: immutable.
 */
final class Q4_KMatrix extends RowGroupMatrix {
    private static final int SUPER_BYTES = 144;
    /** Per group and block of 32: 16 bytes of nibbles, then for each row its scale and its min as 16-bit halves. */
    private static final int GROUP_BLOCK_BYTES = 20 * G;

    private final int superBlocks;
    /** Where the per-super-block {@code d} and {@code dmin} floats begin. */
    private final long superScales;

    /** Repacks {@code ggml} (the file's layout) into memory of {@code arena}. */
    Q4_KMatrix(MemorySegment ggml, int rows, int cols, Arena arena) {
        super(GgmlType.Q4_K, pack(ggml, rows, cols, arena), rows, cols, (j, lane) -> pairLayout(j, lane, 16), 16 * G,
                GROUP_BLOCK_BYTES);
        this.superBlocks = cols / 256;
        this.superScales = (long) groups(rows) * blocks * GROUP_BLOCK_BYTES;
    }

    private static MemorySegment pack(MemorySegment ggml, int rows, int cols, Arena arena) {
        if (cols % 256 != 0) throw new IllegalArgumentException("Q4_K rows must be a multiple of 256, not " + cols);
        int superBlocks = cols / 256, blocks = cols / BLOCK, groups = groups(rows);
        int rowBytes = superBlocks * SUPER_BYTES;
        long blockRegion = (long) groups * blocks * GROUP_BLOCK_BYTES;
        MemorySegment packed = arena.allocate(blockRegion + (long) groups * superBlocks * 8 * G, 64);
        byte[] out = new byte[blocks * GROUP_BLOCK_BYTES];
        float[] ds = new float[superBlocks * 2 * G];
        int[] sc = new int[8], mins = new int[8];
        forEachGroup(GgmlType.Q4_K, ggml, rows, cols, rowBytes, (g, in) -> {
            for (int lane = 0; lane < G; lane++) {
                for (int sb = 0; sb < superBlocks; sb++) {
                    int src = lane * rowBytes + sb * SUPER_BYTES;
                    ds[sb * 2 * G + lane] = f16(in, src);
                    ds[sb * 2 * G + G + lane] = f16(in, src + 2);
                    scalesAndMins(in, src + 4, sc, mins);
                    for (int s = 0; s < 8; s++) {
                        int o = (sb * 8 + s) * GROUP_BLOCK_BYTES;
                        out[o + 16 * G + 4 * lane] = (byte) sc[s];
                        out[o + 16 * G + 4 * lane + 2] = (byte) mins[s];
                        int q = src + 16 + 32 * (s / 2), shift = 4 * (s % 2);
                        for (int j = 0; j < 16; j++) {
                            int lo = (in[q + j] >> shift) & 0xF, hi = (in[q + 16 + j] >> shift) & 0xF;
                            out[o + pairLayout(j, lane, 16)] = (byte) (lo | hi << 4);
                        }
                    }
                }
            }
            MemorySegment.copy(out, 0, packed, ValueLayout.JAVA_BYTE, (long) g * out.length, out.length);
            MemorySegment.copy(ds, 0, packed, FLOAT_LE, blockRegion + 4L * g * ds.length, ds.length);
        });
        return packed;
    }

    private static float f16(byte[] b, int at) {
        return Float.float16ToFloat((short) ((b[at] & 0xFF) | b[at + 1] << 8));
    }

    /**
     * The eight 6-bit scales and mins packed in the 12 bytes at {@code b[at]}: the low six bits of scales and mins
     * 0-3 in bytes 0-3 and 4-7, those of 4-7 as nibbles of bytes 8-11, their high two bits in the top bits of
     * bytes 0-7.
     */
    private static void scalesAndMins(byte[] b, int at, int[] sc, int[] mins) {
        for (int j = 0; j < 4; j++) {
            int s = b[at + j] & 0xFF, m = b[at + 4 + j] & 0xFF, hi = b[at + 8 + j] & 0xFF;
            sc[j] = s & 63;
            mins[j] = m & 63;
            sc[4 + j] = (hi & 0xF) | (s >> 6) << 4;
            mins[4 + j] = (hi >> 4) | (m >> 6) << 4;
        }
    }

    /** Row {@code row}'s {@code d} ({@code which} 0) or {@code dmin} (1) of super-block {@code sb}. */
    private float superScale(int row, int sb, int which) {
        return data.get(FLOAT_LE, superScales + (((long) (row / G) * superBlocks + sb) * 2 + which) * 4L * G
                + 4L * (row % G));
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_K;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        for (int b = 0; b < blocks; b++) {
            float d = superScale(row, b / 8, 0), dmin = superScale(row, b / 8, 1);
            long at = groupBlock(row / G, b) + quantBytes + 4L * (row % G);
            int sc = data.get(ValueLayout.JAVA_BYTE, at), m = data.get(ValueLayout.JAVA_BYTE, at + 2);
            int o = offset + b * BLOCK;
            for (int j = 0; j < 16; j++) {
                int q = quant(row, b, j);
                out[o + j] = d * sc * (q & 0xF) - dmin * m;
                out[o + j + 16] = d * sc * ((q >> 4) & 0xF) - dmin * m;
            }
        }
    }

    @Override
    boolean integerFor(int n) {
        return true;
    }

    /** Unsigned nibbles: {@link #nibbleBlockSums} with no bias (the mins are applied in {@link #scaleAndAdd}). */
    @Override
    void blockSums(int g, Q8Activations a, int v, int[] sums) {
        nibbleBlockSums(g, a, v, sums, 0);
    }

    /** Per super-block, in 32-bit lanes: the sub-block sums times their scales, the mins times the block sums. */
    @Override
    void scaleAndAdd(int g, Q8Activations a, int v, int[] blockSums, float[] sums) {
        FloatVector acc0 = FloatVector.zero(FH), acc1 = acc0;
        for (int sb = 0; sb < superBlocks; sb++) {
            IntVector q0 = IntVector.zero(IH), q1 = q0, m0 = q0, m1 = q0;
            for (int s = 0; s < 8; s++) {
                int b = sb * 8 + s;
                long o = groupBlock(g, b) + quantBytes;
                IntVector sm0 = ints(o, 0), sm1 = ints(o, 1);
                q0 = q0.add(IntVector.fromArray(IH, blockSums, b * G).mul(low(sm0)));
                q1 = q1.add(IntVector.fromArray(IH, blockSums, b * G + HALF).mul(low(sm1)));
                int bsum = a.sum[v * blocks + b];
                m0 = m0.add(high(sm0).mul(bsum));
                m1 = m1.add(high(sm1).mul(bsum));
            }
            float da = a.scale[v * blocks + sb * 8];
            long ds = superScales + ((long) g * superBlocks + sb) * 8L * G;
            acc0 = toFloat(q0).fma(floats(ds, 0).mul(da), acc0);
            acc1 = toFloat(q1).fma(floats(ds, 1).mul(da), acc1);
            acc0 = toFloat(m0).fma(floats(ds + 4L * G, 0).mul(-da), acc0);
            acc1 = toFloat(m1).fma(floats(ds + 4L * G, 1).mul(-da), acc1);
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, HALF);
    }

    /** Each weight as {@code nibble * d * scale - dmin * min}, one FMA. */
    @Override
    void decodeGroup(int g, float[] tile) {
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            long ds = superScales + ((long) g * superBlocks + b / 8) * 8L * G;
            for (int h = 0; h < 2; h++) {
                IntVector sm = ints(o + quantBytes, h);
                FloatVector d = floats(ds, h).mul(toFloat(low(sm)));
                FloatVector m = floats(ds + 4L * G, h).mul(toFloat(high(sm))).neg();
                decodeNibbles(o, b, h, d, m, tile);
            }
        }
    }
}
