package dev.colossus.engine.gguf;

import dev.colossus.engine.testing.Fixtures;
import dev.colossus.engine.tensor.Quantizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufWriterTest {

    /** One value of every scalar type and arrays of every element type, including nested arrays. */
    static GgufWriter everyValueType() {
        return new GgufWriter()
                .put("u8", new GgufValue(GgufValueType.UINT8, null, (byte) 0xF0))
                .put("i8", new GgufValue(GgufValueType.INT8, null, (byte) -5))
                .put("u16", new GgufValue(GgufValueType.UINT16, null, (short) 0xFFFE))
                .put("i16", new GgufValue(GgufValueType.INT16, null, (short) -300))
                .put("u32", GgufValue.ofUint32(0xFFFFFFF0))
                .put("i32", GgufValue.ofInt32(-70000))
                .put("u64", new GgufValue(GgufValueType.UINT64, null, -2L))
                .put("i64", new GgufValue(GgufValueType.INT64, null, Long.MIN_VALUE))
                .put("f32", GgufValue.ofFloat32(-1.5e-7f))
                .put("f64", new GgufValue(GgufValueType.FLOAT64, null, Math.PI))
                .put("bool", GgufValue.ofBool(true))
                .put("string", GgufValue.of("héllo ▁wörld \u0000 end"))
                .put("empty", GgufValue.of(""))
                .put("a.u8", new GgufValue(GgufValueType.ARRAY, GgufValueType.UINT8, new byte[]{1, (byte) 255}))
                .put("a.i16", new GgufValue(GgufValueType.ARRAY, GgufValueType.INT16, new short[]{-1, 2}))
                .put("a.u32", new GgufValue(GgufValueType.ARRAY, GgufValueType.UINT32, new int[]{7, -1}))
                .put("a.i32", GgufValue.ofArray(new int[]{1, 2, 3}))
                .put("a.i64", new GgufValue(GgufValueType.ARRAY, GgufValueType.INT64, new long[]{Long.MAX_VALUE}))
                .put("a.f32", GgufValue.ofArray(new float[]{0.5f, Float.NaN, -0f}))
                .put("a.f64", new GgufValue(GgufValueType.ARRAY, GgufValueType.FLOAT64, new double[]{1e300}))
                .put("a.bool", new GgufValue(GgufValueType.ARRAY, GgufValueType.BOOL, new boolean[]{true, false}))
                .put("a.string", GgufValue.ofArray(new String[]{"a", "", "<0x0A>"}))
                .put("a.empty", GgufValue.ofArray(new String[0]))
                .put("a.nested", new GgufValue(GgufValueType.ARRAY, GgufValueType.ARRAY, new GgufValue[]{
                        GgufValue.ofArray(new int[]{1, 2}),
                        new GgufValue(GgufValueType.ARRAY, GgufValueType.ARRAY, new GgufValue[]{
                                GgufValue.ofArray(new String[]{"deep"})})}));
    }

    @Test
    void writtenMetadataOfEveryTypeReadsBackIdentical(@TempDir Path dir) throws Exception {
        GgufWriter writer = everyValueType();
        Path file = dir.resolve("meta.gguf");
        writer.write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.version()).isEqualTo(3);
            assertThat(gguf.tensors()).isEmpty();
            Map<String, GgufValue> read = gguf.metadata();
            assertThat(read.keySet()).containsExactly("u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32",
                    "f64", "bool", "string", "empty", "a.u8", "a.i16", "a.u32", "a.i32", "a.i64", "a.f32", "a.f64",
                    "a.bool", "a.string", "a.empty", "a.nested");
            assertThat(gguf.getLong("u8")).isEqualTo(0xF0);
            assertThat(gguf.getLong("u16")).isEqualTo(0xFFFE);
            assertThat(gguf.getLong("u32")).isEqualTo(0xFFFFFFF0L);
            assertThat(gguf.getLong("i32")).isEqualTo(-70000);
            assertThat(gguf.getLong("i64")).isEqualTo(Long.MIN_VALUE);
            assertThat(gguf.getDouble("f64", 0)).isEqualTo(Math.PI);
            assertThat(gguf.getString("string")).isEqualTo("héllo ▁wörld \u0000 end");
            assertThat(gguf.getArray("a.f32", float[].class)).containsExactly(0.5f, Float.NaN, -0f);
            GgufValue[] nested = gguf.getArray("a.nested", GgufValue[].class);
            assertThat((int[]) nested[0].value()).containsExactly(1, 2);
            GgufValue[] deeper = (GgufValue[]) nested[1].value();
            assertThat((String[]) deeper[0].value()).containsExactly("deep");
        }
        // Writing what was read gives the same bytes: nothing is lost or reordered.
        Path again = dir.resolve("again.gguf");
        try (GgufFile gguf = GgufFile.open(file)) {
            new GgufWriter().putAll(gguf.metadata()).write(again);
        }
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void tensorsAreAlignedToGeneralAlignmentAndReadBackByteForByte(@TempDir Path dir) throws Exception {
        float[] small = {1, 2, 3};
        float[] q = new float[64];
        for (int i = 0; i < q.length; i++) q[i] = (float) Math.sin(i);
        byte[] q4 = Quantizer.quantize(GgmlType.Q4_0, q);
        Path file = dir.resolve("t.gguf");
        new GgufWriter()
                .put("general.alignment", GgufValue.ofUint32(64))
                .put("general.name", GgufValue.of("x"))
                .addTensor("small", new long[]{3}, small)
                .addTensor("q4", new long[]{32, 2}, GgmlType.Q4_0, q4)
                .addTensor("after", new long[]{1}, new float[]{42})
                .write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.dataOffset() % 64).isZero();
            assertThat(gguf.tensorNames()).containsExactly("small", "q4", "after");
            for (GgufTensor t : gguf.tensors().values()) assertThat(t.offset() % 64).isZero();
            GgufTensor s = gguf.tensor("small");
            assertThat(s.data().toArray(ValueLayout.JAVA_FLOAT_UNALIGNED)).containsExactly(1, 2, 3);
            assertThat(gguf.tensor("q4").ne()).containsExactly(32, 2);
            assertThat(gguf.tensor("q4").data().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(q4);
            assertThat(gguf.tensor("after").data().get(ValueLayout.JAVA_FLOAT_UNALIGNED, 0)).isEqualTo(42f);
            assertThat(gguf.tensor("after").offset()).isEqualTo(128);
        }
    }

    @Test
    void rewritingARealModelReproducesItExactly(@TempDir Path dir) throws Exception {
        Path original = Fixtures.model("rand-llama-v512-Q4_K_M.gguf");
        Path copy = dir.resolve("copy.gguf");
        try (GgufFile gguf = GgufFile.open(original)) {
            GgufWriter writer = new GgufWriter().putAll(gguf.metadata());
            for (GgufTensor t : gguf.tensors().values()) {
                writer.addTensor(t.name(), t.ne(), t.type(), t.data().toArray(ValueLayout.JAVA_BYTE));
            }
            writer.write(copy);
        }
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(original));
    }

    @Test
    void rejectsValuesWhoseJavaTypeDoesNotMatchTheirGgufType() {
        assertThatThrownBy(() -> new GgufWriter().put("x", new GgufValue(GgufValueType.UINT32, null, 5L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Integer");
        assertThatThrownBy(() -> new GgufWriter().put("general.alignment", GgufValue.ofUint32(48)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> new GgufWriter().addTensor("t", new long[]{30}, GgmlType.Q4_0, new byte[18]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block size");
    }
}
