package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts F32 values into the byte layout of a GGML type, for writing GGUF files (tests, benchmarks, training
 * export). F16, BF16, Q8_0 and Q4_0 round the way GGML's reference quantizers do; Q4_K and Q6_K use a simple
 * per-sub-block min/max scale search (valid files, a little less accurate than llama.cpp's iterative search).
 * <p>Thread safety: stateless.
 */
public final class Quantizer {
    private Quantizer() {
    }

    /** The types {@link #quantize} can produce. */
    public static boolean supports(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K -> true;
            default -> false;
        };
    }

    /**
     * {@code values} (rows of {@code type.blockSize()}-multiple length, back to back) in {@code type}'s layout.
     *
     * @throws IllegalArgumentException when the type is not supported or the length is not a multiple of its block
     */
    public static byte[] quantize(GgmlType type, float[] values) {
        if (!supports(type)) throw new IllegalArgumentException("cannot quantize to " + type);
        if (values.length % type.blockSize() != 0) {
            throw new IllegalArgumentException(values.length + " values are not whole " + type + " blocks");
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(type.bytesFor(values.length)))
                .order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32 -> out.asFloatBuffer().put(values);
            case F16 -> {
                for (float v : values) out.putShort(Float.floatToFloat16(v));
            }
            case BF16 -> {
                for (float v : values) out.putShort(toBf16(v));
            }
            case Q8_0 -> {
                for (int b = 0; b < values.length; b += 32) q8_0Block(values, b, out);
            }
            case Q4_0 -> {
                for (int b = 0; b < values.length; b += 32) q4_0Block(values, b, out);
            }
            case Q4_K -> {
                for (int b = 0; b < values.length; b += 256) q4_KBlock(values, b, out);
            }
            case Q6_K -> {
                for (int b = 0; b < values.length; b += 256) q6_KBlock(values, b, out);
            }
            default -> throw new AssertionError(type);
        }
        return out.array();
    }

    /** Round to nearest even, as GGML converts F32 to BF16; NaN stays a (quiet) NaN. */
    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if ((bits & 0x7fffffff) > 0x7f800000) return (short) ((bits >>> 16) | 64);
        return (short) ((bits + (0x7fff + ((bits >>> 16) & 1))) >>> 16);
    }

    private static void q8_0Block(float[] x, int from, ByteBuffer out) {
        float amax = 0;
        for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(x[from + j]));
        float d = amax / 127;
        float id = d != 0 ? 1 / d : 0;
        out.putShort(Float.floatToFloat16(d));
        for (int j = 0; j < 32; j++) out.put((byte) Math.round(x[from + j] * id));
    }

    private static void q4_0Block(float[] x, int from, ByteBuffer out) {
        // The signed value of largest magnitude maps to -8, so the full range [-8, 7] is used.
        float amax = 0;
        float max = 0;
        for (int j = 0; j < 32; j++) {
            float v = x[from + j];
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        float d = max / -8;
        float id = d != 0 ? 1 / d : 0;
        out.putShort(Float.floatToFloat16(d));
        for (int j = 0; j < 16; j++) {
            int lo = Math.min(15, (byte) (x[from + j] * id + 8.5f));
            int hi = Math.min(15, (byte) (x[from + 16 + j] * id + 8.5f));
            out.put((byte) (lo | hi << 4));
        }
    }

    private static void q4_KBlock(float[] x, int from, ByteBuffer out) {
        float[] scale = new float[8];
        float[] min = new float[8];
        for (int s = 0; s < 8; s++) {
            float lo = 0;
            float hi = 0;
            for (int l = 0; l < 32; l++) {
                float v = x[from + 32 * s + l];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            scale[s] = (hi - lo) / 15;
            min[s] = -lo;
        }
        float maxScale = 0;
        float maxMin = 0;
        for (int s = 0; s < 8; s++) {
            maxScale = Math.max(maxScale, scale[s]);
            maxMin = Math.max(maxMin, min[s]);
        }
        float d = f16Round(maxScale / 63);
        float dmin = f16Round(maxMin / 63);
        int[] sc = new int[8];
        int[] m = new int[8];
        for (int s = 0; s < 8; s++) {
            sc[s] = d == 0 ? 0 : Math.clamp(Math.round(scale[s] / d), 0, 63);
            m[s] = dmin == 0 ? 0 : Math.clamp((int) Math.ceil(min[s] / dmin), 0, 63);
        }
        out.putShort(Float.floatToFloat16(d));
        out.putShort(Float.floatToFloat16(dmin));
        byte[] packed = new byte[12];
        for (int j = 0; j < 4; j++) {
            packed[j] = (byte) (sc[j] | (sc[j + 4] >> 4) << 6);
            packed[j + 4] = (byte) (m[j] | (m[j + 4] >> 4) << 6);
            packed[j + 8] = (byte) ((sc[j + 4] & 0xF) | (m[j + 4] & 0xF) << 4);
        }
        out.put(packed);
        int[] q = new int[256];
        for (int s = 0; s < 8; s++) {
            float ds = d * sc[s];
            float ms = dmin * m[s];
            for (int l = 0; l < 32; l++) {
                q[32 * s + l] = ds == 0 ? 0 : Math.clamp(Math.round((x[from + 32 * s + l] + ms) / ds), 0, 15);
            }
        }
        for (int c = 0; c < 4; c++) {
            for (int l = 0; l < 32; l++) out.put((byte) (q[64 * c + l] | q[64 * c + 32 + l] << 4));
        }
    }

    private static void q6_KBlock(float[] x, int from, ByteBuffer out) {
        // Sub-block scales as in Q4_0 (largest magnitude maps to -32), then one int8 scale per 16 values.
        float[] scale = new float[16];
        float maxAbsScale = 0;
        float maxScale = 0;
        for (int s = 0; s < 16; s++) {
            float amax = 0;
            float max = 0;
            for (int l = 0; l < 16; l++) {
                float v = x[from + 16 * s + l];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            scale[s] = max / -32;
            if (Math.abs(scale[s]) > maxAbsScale) {
                maxAbsScale = Math.abs(scale[s]);
                maxScale = scale[s];
            }
        }
        float d = f16Round(maxScale / -128);
        byte[] sc = new byte[16];
        int[] q = new int[256];
        for (int s = 0; s < 16; s++) {
            sc[s] = (byte) (d == 0 ? 0 : Math.clamp(Math.round(scale[s] / d), -128, 127));
            float ds = d * sc[s];
            for (int l = 0; l < 16; l++) {
                int v = ds == 0 ? 0 : Math.clamp(Math.round(x[from + 16 * s + l] / ds), -32, 31);
                q[16 * s + l] = v + 32;
            }
        }
        byte[] ql = new byte[128];
        byte[] qh = new byte[64];
        for (int n = 0; n < 2; n++) {
            for (int l = 0; l < 32; l++) {
                int q1 = q[128 * n + l];
                int q2 = q[128 * n + 32 + l];
                int q3 = q[128 * n + 64 + l];
                int q4 = q[128 * n + 96 + l];
                ql[64 * n + l] = (byte) ((q1 & 0xF) | (q3 & 0xF) << 4);
                ql[64 * n + 32 + l] = (byte) ((q2 & 0xF) | (q4 & 0xF) << 4);
                qh[32 * n + l] = (byte) ((q1 >> 4) | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6);
            }
        }
        out.put(ql).put(qh).put(sc).putShort(Float.floatToFloat16(d));
    }

    private static float f16Round(float v) {
        return Float.float16ToFloat(Float.floatToFloat16(v));
    }
}
