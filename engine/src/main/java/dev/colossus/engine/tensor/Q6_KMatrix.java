package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * GGML Q6_K: super-blocks of 256 weights in 210 bytes: 128 bytes {@code ql} (low 4 bits), 64 bytes {@code qh}
 * (high 2 bits), 16 int8 scales (one per 16 weights), then an F16 {@code d}; a weight is
 * {@code d * scale * (q - 32)}. Each half of 128 weights uses 64 bytes of {@code ql} and 32 of {@code qh}: weight
 * {@code l} (l &lt; 32) takes the low nibble of {@code ql[l]} and bits 0-1 of {@code qh[l]}, weight {@code l + 32}
 * the low nibble of {@code ql[l + 32]} and bits 2-3, weight {@code l + 64} the high nibble of {@code ql[l]} and bits
 * 4-5, weight {@code l + 96} the high nibble of {@code ql[l + 32]} and bits 6-7.
 * <p>Kept repacked in row groups ({@link RowGroupMatrix}): per group and block of 32, the values {@code q - 32} as
 * signed bytes in pairs ({@link #pairLayout}), then the rows' two scales as 16-bit halves of an int; after
 * all blocks, per group and super-block, the rows' {@code d} as F32 (292 bytes per 256 weights instead of 210: unpacking six-bit values costs
 * more vector operations than the integer products themselves). Products run on integers as llama.cpp's do: per 16
 * weights the integer sum of values times the 8-bit activations ({@link Q8Activations}, rounded as Q8_K), times the
 * scale, added up per super-block, then times {@code d * da}.
 * <p>Thread safety: immutable.
 */
final class Q6_KMatrix extends RowGroupMatrix {
    private static final int SUPER_BYTES = 210;
    /** Per group and block of 32: 32 bytes of values, then for each row its two scales as 16-bit halves of an int. */
    private static final int GROUP_BLOCK_BYTES = 36 * G;

    private final int superBlocks;
    /** Where the per-super-block {@code d} floats begin. */
    private final long superScales;

    /** Repacks {@code ggml} (the file's layout) into memory of {@code arena}. */
    Q6_KMatrix(MemorySegment ggml, int rows, int cols, Arena arena) {
        super(GgmlType.Q6_K, pack(ggml, rows, cols, arena), rows, cols, (j, lane) -> pairLayout(j, lane, BLOCK),
                BLOCK * G, GROUP_BLOCK_BYTES);
        this.superBlocks = cols / 256;
        this.superScales = (long) groups(rows) * blocks * GROUP_BLOCK_BYTES;
    }

    private static MemorySegment pack(MemorySegment ggml, int rows, int cols, Arena arena) {
        if (cols % 256 != 0) throw new IllegalArgumentException("Q6_K rows must be a multiple of 256, not " + cols);
        int superBlocks = cols / 256, blocks = cols / BLOCK, groups = groups(rows);
        int rowBytes = superBlocks * SUPER_BYTES;
        long blockRegion = (long) groups * blocks * GROUP_BLOCK_BYTES;
        MemorySegment packed = arena.allocate(blockRegion + (long) groups * superBlocks * 4 * G, 64);
        byte[] out = new byte[blocks * GROUP_BLOCK_BYTES];
        float[] ds = new float[superBlocks * G];
        forEachGroup(GgmlType.Q6_K, ggml, rows, cols, rowBytes, (g, in) -> {
            for (int lane = 0; lane < G; lane++) {
                for (int sb = 0; sb < superBlocks; sb++) {
                    int src = lane * rowBytes + sb * SUPER_BYTES;
                    ds[sb * G + lane] = Float.float16ToFloat((short) ((in[src + 208] & 0xFF) | in[src + 209] << 8));
                    for (int e = 0; e < 256; e++) {
                        int o = (sb * 8 + e / 32) * GROUP_BLOCK_BYTES;
                        out[o + pairLayout(e % 32, lane, BLOCK)] = (byte) (value(in, src, e) - 32);
                        if (e % 16 == 0) {
                            byte sc = in[src + 192 + e / 16];
                            int at = o + BLOCK * G + 4 * lane + 2 * (e % 32 / 16);
                            out[at] = sc;
                            out[at + 1] = (byte) (sc >> 7); // sign-extended to 16 bits
                        }
                    }
                }
            }
            MemorySegment.copy(out, 0, packed, ValueLayout.JAVA_BYTE, (long) g * out.length, out.length);
            MemorySegment.copy(ds, 0, packed, FLOAT_LE, blockRegion + 4L * g * ds.length, ds.length);
        });
        return packed;
    }

    /** The 6-bit value (0..63) of weight {@code e} of the super-block at {@code b[src]}. */
    private static int value(byte[] b, int src, int e) {
        int half = e / 128, k = e % 128 / 32, l = e % 32;
        int low = b[src + 64 * half + l + (k % 2) * 32] & 0xFF;
        int high = (b[src + 128 + 32 * half + l] & 0xFF) >> (2 * k) & 3;
        return (k < 2 ? low & 0xF : low >> 4) | high << 4;
    }

    /** Row {@code row}'s {@code d} of super-block {@code sb}. */
    private float superScale(int row, int sb) {
        return data.get(FLOAT_LE, superScales + ((long) (row / G) * superBlocks + sb) * 4L * G + 4L * (row % G));
    }

    @Override
    public ActivationRounding activationRounding() {
        return ActivationRounding.Q8_K;
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        for (int b = 0; b < blocks; b++) {
            float d = superScale(row, b / 8);
            long at = groupBlock(row / G, b) + quantBytes + 4L * (row % G);
            for (int j = 0; j < BLOCK; j++) {
                int sc = data.get(ValueLayout.JAVA_BYTE, at + 2 * (j / 16));
                out[offset + b * BLOCK + j] = d * sc * quant(row, b, j);
            }
        }
    }

    @Override
    boolean integerFor(int n) {
        return true;
    }

    /**
     * Products in 16-bit lanes, one lane per row and byte parity: |q - 32| <= 32 and the activations are within
     * 127, so eight products (16 weights) stay within 16 bits; each row's two lanes are then added in a 32-bit lane,
     * one sum per 16 weights: {@code sums[(2b + k) * G + lane]}.
     */
    @Override
    void blockSums(int g, Q8Activations a, int v, int[] sums) {
        int[] pairs = a.pairs;
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            int xo = (v * blocks + b) * 16;
            for (int k = 0; k < 2; k++) {
                ShortVector s0 = ShortVector.zero(S), s1 = s0;
                for (int p = 8 * k; p < 8 * k + 8; p++) {
                    ShortVector x = broadcastPair(pairs[xo + p]);
                    s0 = s0.add(signedBytes(o + (long) p * G).mul(x));
                    s1 = s1.add(signedBytes(o + (long) (16 + p) * G).mul(x));
                }
                rowSums(s0).intoArray(sums, (2 * b + k) * G);
                rowSums(s1).intoArray(sums, (2 * b + k) * G + HALF);
            }
        }
    }

    /** Per super-block, in 32-bit lanes: each 16 weights' sum times its scale; then times {@code d * da}. */
    @Override
    void scaleAndAdd(int g, Q8Activations a, int v, int[] blockSums, float[] sums) {
        FloatVector acc0 = FloatVector.zero(FH), acc1 = acc0;
        for (int sb = 0; sb < superBlocks; sb++) {
            IntVector q0 = IntVector.zero(IH), q1 = q0;
            for (int b = 8 * sb; b < 8 * sb + 8; b++) {
                long o = groupBlock(g, b) + quantBytes;
                IntVector sc0 = ints(o, 0), sc1 = ints(o, 1);
                q0 = q0.add(IntVector.fromArray(IH, blockSums, 2 * b * G).mul(signedLow(sc0)))
                        .add(IntVector.fromArray(IH, blockSums, (2 * b + 1) * G).mul(high(sc0)));
                q1 = q1.add(IntVector.fromArray(IH, blockSums, 2 * b * G + HALF).mul(signedLow(sc1)))
                        .add(IntVector.fromArray(IH, blockSums, (2 * b + 1) * G + HALF).mul(high(sc1)));
            }
            float da = a.scale[v * blocks + sb * 8];
            long ds = superScales + ((long) g * superBlocks + sb) * 4L * G;
            acc0 = toFloat(q0).fma(floats(ds, 0).mul(da), acc0);
            acc1 = toFloat(q1).fma(floats(ds, 1).mul(da), acc1);
        }
        acc0.intoArray(sums, 0);
        acc1.intoArray(sums, HALF);
    }

    @Override
    void decodeGroup(int g, float[] tile) {
        for (int b = 0; b < blocks; b++) {
            long o = groupBlock(g, b);
            long ds = superScales + ((long) g * superBlocks + b / 8) * 4L * G;
            for (int h = 0; h < 2; h++) {
                FloatVector d = floats(ds, h);
                IntVector sc = ints(o + quantBytes, h);
                decodeBytes(o, b, h, 0, 8, d.mul(toFloat(signedLow(sc))), tile);
                decodeBytes(o, b, h, 8, 16, d.mul(toFloat(high(sc))), tile);
            }
        }
    }
}
