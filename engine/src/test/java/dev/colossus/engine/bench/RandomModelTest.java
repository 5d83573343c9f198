package dev.colossus.engine.bench;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RandomModelTest {

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void tinyModelHasTheLlamaTensorsInTheRequestedTypeAndAFullVocabulary(GgmlType type, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("tiny.gguf");
        List<String> progress = new ArrayList<>();
        RandomModel.write(ModelShape.TINY, type, 1, file, progress::add);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.getString("general.architecture")).isEqualTo("llama");
            assertThat(gguf.getInt("llama.embedding_length")).isEqualTo(256);
            assertThat(gguf.getInt("llama.attention.head_count_kv")).isEqualTo(2);
            assertThat(gguf.tensors()).hasSize(2 * 9 + 3);
            assertThat(progress).hasSize(gguf.tensors().size());
            long weights = 0;
            for (GgufTensor t : gguf.tensors().values()) {
                assertThat(t.type()).as(t.name()).isEqualTo(t.name().contains("norm") ? GgmlType.F32 : type);
                weights += t.elements();
            }
            assertThat(weights).isEqualTo(ModelShape.TINY.parameters());
            assertThat(gguf.tensor("blk.1.attn_k.weight").ne()).containsExactly(256, 128);
            assertThat(gguf.tensor("output.weight").ne()).containsExactly(256, 1000);
            String[] tokens = gguf.getArray("tokenizer.ggml.tokens", String[].class);
            assertThat(tokens).hasSize(1000).startsWith("<unk>", "<s>", "</s>", "<0x00>");
            assertThat(tokens[3 + 0x0A]).isEqualTo("<0x0A>");
            assertThat(new HashSet<>(Arrays.asList(tokens))).hasSize(1000);
            assertThat(gguf.getArray("tokenizer.ggml.scores", float[].class)).hasSize(1000);
            assertThat(gguf.getArray("tokenizer.ggml.token_type", int[].class)[3]).isEqualTo(6);
        }
    }

    @Test
    void sameSeedMakesTheSameFile(@TempDir Path dir) throws Exception {
        RandomModel.write(ModelShape.TINY, GgmlType.Q4_0, 7, dir.resolve("a.gguf"), s -> { });
        RandomModel.write(ModelShape.TINY, GgmlType.Q4_0, 7, dir.resolve("b.gguf"), s -> { });
        RandomModel.write(ModelShape.TINY, GgmlType.Q4_0, 8, dir.resolve("c.gguf"), s -> { });
        assertThat(Files.readAllBytes(dir.resolve("a.gguf"))).isEqualTo(Files.readAllBytes(dir.resolve("b.gguf")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("c.gguf")));
    }

    @Test
    void unknownSizesAndTypesAreNamedInTheError() {
        assertThatThrownBy(() -> ModelShape.byName("7b")).hasMessageContaining("tiny, 100m");
        assertThatThrownBy(() -> RandomModel.write(ModelShape.TINY, GgmlType.Q5_K, 1, Path.of("x"), s -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q5_K");
    }

    @Test
    void hundredMillionShapeHasTheAdvertisedSize() {
        assertThat(ModelShape.byName("100m").parameters()).isBetween(100_000_000L, 130_000_000L);
    }
}
