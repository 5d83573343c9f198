package dev.colossus.engine.model;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What {@link ModelConfig} reads from GGUF metadata, and llama.cpp's defaults for what a file leaves out. */
class ModelConfigTest {

    @TempDir
    Path dir;

    private ModelConfig read(String arch, int layers, Map<String, Object> extra) throws IOException {
        GgufWriter w = new GgufWriter().put("general.architecture", GgufValue.of(arch));
        String p = arch + ".";
        w.put(p + "embedding_length", GgufValue.ofUint32(256));
        w.put(p + "block_count", GgufValue.ofUint32(layers));
        w.put(p + "feed_forward_length", GgufValue.ofUint32(512));
        w.put(p + "attention.head_count", GgufValue.ofUint32(4));
        w.put(p + "attention.key_length", GgufValue.ofUint32(32));
        w.put(p + "rope.freq_base", GgufValue.ofFloat32(1e6f));
        extra.forEach((k, v) -> w.put(p + k, v instanceof Float f ? GgufValue.ofFloat32(f)
                : v instanceof Integer i ? GgufValue.ofUint32(i) : GgufValue.of((String) v)));
        Path file = dir.resolve(arch + layers + ".gguf");
        w.write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            return ModelConfig.fromGguf(gguf);
        }
    }

    private static int[] localLayers(ModelConfig c) {
        return IntStream.range(0, c.layers()).filter(c::isLocal).toArray();
    }

    @Test
    void llamaHasNoLocalLayersNoCapsAndPlainEmbeddings() throws IOException {
        ModelConfig c = read("llama", 4, Map.of("attention.sliding_window", 8));
        assertThat(localLayers(c)).isEmpty();
        assertThat(c.embeddingScale()).isEqualTo(1f);
        assertThat(c.attentionSoftCap()).isZero();
        assertThat(c.finalSoftCap()).isZero();
        assertThat(c.attentionScale()).isCloseTo((float) (1 / Math.sqrt(32)), within(1e-7f));
    }

    @Test
    void gemma2DefaultsToWindow4096OnEveryOtherLayerAndCaps50And30() throws IOException {
        ModelConfig c = read("gemma2", 4, Map.of());
        assertThat(c.slidingWindow()).isEqualTo(4096);
        assertThat(localLayers(c)).containsExactly(0, 2);
        assertThat(c.attentionSoftCap()).isEqualTo(50f);
        assertThat(c.finalSoftCap()).isEqualTo(30f);
        assertThat(c.embeddingScale()).isEqualTo(16f);
        assertThat(c.localRopeBase()).isEqualTo(1e6f); // gemma2's local layers share the global base
    }

    @Test
    void gemma27BScalesQueriesByTheEmbeddingWidthPerHead() throws IOException {
        assertThat(read("gemma2", 46, Map.of()).attentionScale()).isCloseTo((float) (1 / Math.sqrt(64)), within(1e-7f));
        assertThat(read("gemma3", 62, Map.of()).attentionScale()).isCloseTo((float) (1 / Math.sqrt(64)), within(1e-7f));
        assertThat(read("gemma3", 26, Map.of()).attentionScale()).isCloseTo((float) (1 / Math.sqrt(32)), within(1e-7f));
    }

    @Test
    void gemma3HasLocalLayersOnlyWhenTheFileGivesAWindowFiveToOneByDefaultWithBase10000() throws IOException {
        assertThat(localLayers(read("gemma3", 12, Map.of()))).isEmpty();
        ModelConfig c = read("gemma3", 12, Map.of("attention.sliding_window", 512));
        assertThat(localLayers(c)).containsExactly(0, 1, 2, 3, 4, 6, 7, 8, 9, 10);
        assertThat(c.localRopeBase()).isEqualTo(10000f);
        assertThat(c.finalSoftCap()).isZero();
        assertThat(c.attentionSoftCap()).isZero();
    }

    @Test
    void phi3IgnoresASlidingWindowAsLlamaCppDoes() throws IOException {
        assertThat(localLayers(read("phi3", 4, Map.of("attention.sliding_window", 2047)))).isEmpty();
    }

    @Test
    void differentKeyAndValueHeadSizesAreRejectedWithAMessage() {
        assertThatThrownBy(() -> read("qwen3", 2, Map.of("attention.value_length", 64)))
                .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("value_length");
    }
}
