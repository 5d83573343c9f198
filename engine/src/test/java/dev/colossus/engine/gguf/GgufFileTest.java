package dev.colossus.engine.gguf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufFileTest {

    @Test
    void readsStories260kMetadataAndTensors() throws Exception {
        try (GgufFile gguf = GgufFile.open(Fixtures.model("stories260K.gguf"))) {
            assertThat(gguf.version()).isEqualTo(3);
            assertThat(gguf.getString("general.architecture")).isEqualTo("llama");
            assertThat(gguf.getInt("llama.embedding_length")).isEqualTo(64);
            assertThat(gguf.getInt("llama.block_count")).isEqualTo(5);
            assertThat(gguf.getArray("tokenizer.ggml.tokens", String[].class)).hasSize(512);
            assertThat(gguf.getArray("tokenizer.ggml.scores", float[].class)).hasSize(512);
            GgufTensor embd = gguf.tensor("token_embd.weight");
            assertThat(embd.ne()).containsExactly(64, 512);
            assertThat(embd.type()).isEqualTo(GgmlType.F32);
            assertThat(embd.data().byteSize()).isEqualTo(64 * 512 * 4);
        }
    }

    @Test
    void everyFixtureModelMatchesItsManifest() throws Exception {
        Path manifestPath = Fixtures.require("models/MANIFEST.json");
        JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifestPath.toFile());
        JsonNode files = manifest.has("files") ? manifest.get("files") : manifest;
        int checked = 0;
        for (var it = files.fields(); it.hasNext(); ) {
            var entry = it.next();
            Path model = manifestPath.resolveSibling(entry.getKey());
            if (!Files.exists(model)) continue;
            try (GgufFile gguf = GgufFile.open(model)) {
                JsonNode tensors = entry.getValue().get("tensors");
                assertThat(gguf.tensors()).hasSize(tensors.size());
                for (JsonNode t : tensors) {
                    GgufTensor tensor = gguf.tensor(t.get("name").asText());
                    assertThat(tensor.type().name()).isEqualTo(t.get("type").asText());
                    long[] ne = new long[t.get("ne").size()];
                    for (int i = 0; i < ne.length; i++) ne[i] = t.get("ne").get(i).asLong();
                    assertThat(Arrays.copyOf(tensor.ne(), ne.length)).containsExactly(ne);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void rejectsWrongMagicWithItsOffset(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.gguf");
        Files.write(bad, new byte[64]);
        assertThatThrownBy(() -> GgufFile.open(bad)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("not a GGUF file").hasMessageContaining("offset 0");
    }

    @Test
    void rejectsTruncatedFileNamingTheTensor(@TempDir Path dir) throws Exception {
        byte[] full = Files.readAllBytes(Fixtures.model("stories260K.gguf"));
        Path cut = dir.resolve("cut.gguf");
        Files.write(cut, Arrays.copyOf(full, full.length - 1000));
        assertThatThrownBy(() -> GgufFile.open(cut)).isInstanceOf(GgufFormatException.class)
                .hasMessageContaining("past the end of the file");
    }
}
