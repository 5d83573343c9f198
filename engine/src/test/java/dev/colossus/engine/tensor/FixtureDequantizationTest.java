package dev.colossus.engine.tensor;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufTensor;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dequantizes the tensors llama.cpp's {@code llama-quantize} wrote from the F32 random model and checks each weight
 * against the F32 original within its block's quantization step, read from the block's own scale fields.
 */
class FixtureDequantizationTest {
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @ParameterizedTest
    @CsvSource({
            "rand-llama-v512-Q4_0-pure.gguf, Q4_0, 16",
            "rand-llama-v512-Q4_0.gguf, Q6_K, 1",
            "rand-llama-v512-Q4_K_M.gguf, Q4_K, 13",
            "rand-llama-v512-Q4_K_M.gguf, Q6_K, 3",
            "rand-llama-v512-Q6_K.gguf, Q6_K, 16"})
    void dequantizedTensorsMatchTheF32OriginalWithinTheBlockStep(String file, GgmlType type, int expectedTensors)
            throws Exception {
        try (GgufFile f32 = GgufFile.open(Fixtures.model("rand-llama-v512-F32.gguf"));
             GgufFile quant = GgufFile.open(Fixtures.model(file))) {
            int checked = 0;
            for (GgufTensor t : quant.tensors().values()) {
                if (t.type() != type) continue;
                WeightMatrix m = matrix(t);
                MemorySegment original = f32.tensor(t.name()).data();
                float[] row = new float[m.cols()];
                double sumSq = 0;
                double errSq = 0;
                for (int r = 0; r < m.rows(); r++) {
                    m.dequantizeRow(r, row, 0);
                    for (int c = 0; c < m.cols(); c++) {
                        long index = (long) r * m.cols() + c;
                        float want = original.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index);
                        double bound = bound(t, index);
                        assertThat((double) Math.abs(row[c] - want)).as("%s %s[%d][%d]", file, t.name(), r, c)
                                .isLessThanOrEqualTo(bound);
                        sumSq += (double) want * want;
                        errSq += (double) (row[c] - want) * (row[c] - want);
                    }
                }
                // Overall the error is a small fraction of the signal (a misplaced nibble would not be).
                assertThat(Math.sqrt(errSq / sumSq)).as(t.name()).isLessThan(type == GgmlType.Q6_K ? 0.05 : 0.15);
                checked++;
            }
            assertThat(checked).isEqualTo(expectedTensors);
        }
    }

    private static WeightMatrix matrix(GgufTensor t) {
        return switch (t.type()) {
            case Q4_0 -> Q4_0Matrix.of(t);
            case Q4_K -> Q4_KMatrix.of(t);
            case Q6_K -> Q6_KMatrix.of(t);
            default -> throw new IllegalArgumentException(t.type().toString());
        };
    }

    /** The largest error the element's block allows: one quantization step (plus the quantized min for Q4_K). */
    private static double bound(GgufTensor t, long index) {
        MemorySegment data = t.data();
        long block = index / t.type().blockSize();
        long bo = block * t.type().blockBytes();
        int within = (int) (index % t.type().blockSize());
        return switch (t.type()) {
            case Q4_0 -> Math.abs(f16(data, bo)) * 1.01;
            case Q4_K -> {
                // One step d*scale, plus the rounding of the 6-bit min (at most one dmin step).
                float d = f16(data, bo);
                float dmin = f16(data, bo + 2);
                yield stepQ4K(data, bo, within / 32, d) + dmin;
            }
            case Q6_K -> Math.abs(f16(data, bo + 208) * data.get(ValueLayout.JAVA_BYTE, bo + 192 + within / 16)) * 1.01;
            default -> throw new IllegalArgumentException();
        };
    }

    private static double stepQ4K(MemorySegment data, long bo, int sub, float d) {
        long q = bo + 4;
        int sc = sub < 4 ? data.get(ValueLayout.JAVA_BYTE, q + sub) & 63
                : (data.get(ValueLayout.JAVA_BYTE, q + sub + 4) & 0xF)
                | ((data.get(ValueLayout.JAVA_BYTE, q + sub - 4) & 0xFF) >> 6) << 4;
        return d * sc;
    }

    private static float f16(MemorySegment data, long offset) {
        return Float.float16ToFloat(data.get(SHORT, offset));
    }
}
