package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;

/**
 * Wraps a block-quantized matrix so that {@link #matvec} and {@link #matmul} see the activations as llama.cpp's CPU
 * backend does: quantized to 8 bits (Q8_0 blocks of 32 for Q4_0, Q8_K blocks of 256 for the K-quants) and then
 * multiplied. Here the quantized activations are turned back into floats and passed to the wrapped kernel, which
 * gives llama.cpp's products up to float rounding order. {@link #dot} and {@link #dequantizeRow} are unchanged.
 * <p>Thread safety: as the wrapped matrix; the converted activations live in a per-thread buffer.
 */
final class QuantizedActivations implements WeightMatrix {
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    private final WeightMatrix inner;
    private final boolean kQuant;

    QuantizedActivations(WeightMatrix inner) {
        this.inner = inner;
        this.kQuant = inner.type().blockSize() == 256;
        int block = kQuant ? 256 : 32;
        if (inner.cols() % block != 0) {
            throw new IllegalArgumentException(inner.type() + " row length " + inner.cols() + " is not a multiple of " + block);
        }
    }

    @Override
    public GgmlType type() {
        return inner.type();
    }

    @Override
    public int rows() {
        return inner.rows();
    }

    @Override
    public int cols() {
        return inner.cols();
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        inner.dequantizeRow(row, out, offset);
    }

    @Override
    public float dot(int row, float[] x, int offset) {
        return inner.dot(row, x, offset);
    }

    @Override
    public void matvec(float[] x, float[] out, int rowStart, int rowEnd) {
        inner.matvec(converted(x, 1), out, rowStart, rowEnd);
    }

    @Override
    public void matmul(float[] x, int n, float[] out, int rowStart, int rowEnd) {
        inner.matmul(converted(x, n), n, out, rowStart, rowEnd);
    }

    private float[] converted(float[] x, int n) {
        int size = n * inner.cols();
        float[][] s = SCRATCH.get();
        if (s[0].length < size) {
            s[0] = new float[size];
            s[1] = new float[size];
            s[2] = new float[size / 32];
        }
        float[] out = s[0];
        if (kQuant) {
            roundTripQ8K(x, size / 256, out);
        } else {
            Q8_0Matrix.quantizeActivations(x, size / 32, s[1], s[2]);
            for (int i = 0; i < size; i++) out[i] = s[1][i] * s[2][i / 32];
        }
        return out;
    }

    /**
     * ggml's {@code quantize_row_q8_K} and back: per 256 values, the one of largest magnitude {@code max} sets
     * {@code iscale = -127/max}, {@code q = min(127, round_half_even(iscale·x))}, and the value is {@code q / iscale}.
     */
    static void roundTripQ8K(float[] x, int blocks, float[] out) {
        for (int b = 0; b < blocks; b++) {
            int o = b * 256;
            float amax = 0, max = 0;
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
            float d = 1f / iscale;
            for (int j = 0; j < 256; j++) {
                float q = Math.min(127f, (float) Math.rint(iscale * x[o + j]));
                out[o + j] = d * q;
            }
        }
    }
}
