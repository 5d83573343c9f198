package dev.colossus.engine.tokenizer;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufFormatException;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The factory reads {@code tokenizer.ggml.*} from small GGUF files written by the tests. */
class TokenizersTest {

    @TempDir
    Path dir;

    private static final String[] TOKENS = {"<unk>", "<s>", "</s>", "▁a", "a", "Ġ", "b", "Ġb"};

    @Test
    void llamaModelGivesSentencePieceWithBosAddedByDefault() throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tokenizer.ggml.model", "llama");
        meta.put("tokenizer.ggml.tokens", TOKENS);
        try (GgufFile gguf = write(meta)) {
            GgufTokenizer tokenizer = Tokenizers.fromGguf(gguf);
            assertThat(tokenizer).isInstanceOf(SentencePieceTokenizer.class);
            assertThat(tokenizer.encode("a", true, false)).containsExactly(1, 3);
            assertThat(tokenizer.bos()).isEqualTo(1);
            assertThat(tokenizer.eos()).isEqualTo(2);
        }
    }

    @Test
    void metadataOverridesBosEosAndWhatIsAdded() throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tokenizer.ggml.model", "llama");
        meta.put("tokenizer.ggml.tokens", TOKENS);
        meta.put("tokenizer.ggml.bos_token_id", 2);
        meta.put("tokenizer.ggml.eos_token_id", 1);
        meta.put("tokenizer.ggml.add_bos_token", false);
        meta.put("tokenizer.ggml.add_eos_token", true);
        try (GgufFile gguf = write(meta)) {
            assertThat(Tokenizers.fromGguf(gguf).encode("a", true, false)).containsExactly(3, 1);
        }
    }

    @Test
    void gpt2ModelWithoutPreUsesTheDefaultPreTokenizerAndAddsNothing() throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tokenizer.ggml.model", "gpt2");
        meta.put("tokenizer.ggml.tokens", TOKENS);
        meta.put("tokenizer.ggml.merges", new String[] {"Ġ b"});
        try (GgufFile gguf = write(meta)) {
            GgufTokenizer tokenizer = Tokenizers.fromGguf(gguf);
            assertThat(tokenizer).isInstanceOf(BytePairTokenizer.class);
            assertThat(tokenizer.encode("a b", true, false)).containsExactly(4, 7);
        }
    }

    @Test
    void unsupportedTokenizerModelIsNamedWithTheSupportedOnes() throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tokenizer.ggml.model", "bert");
        meta.put("tokenizer.ggml.tokens", TOKENS);
        try (GgufFile gguf = write(meta)) {
            assertThatThrownBy(() -> Tokenizers.fromGguf(gguf)).isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("unsupported tokenizer model 'bert'").hasMessageContaining("llama, gpt2");
        }
    }

    @Test
    void unsupportedPreTokenizerIsNamedWithTheSupportedOnes() throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tokenizer.ggml.model", "gpt2");
        meta.put("tokenizer.ggml.pre", "chameleon");
        meta.put("tokenizer.ggml.tokens", TOKENS);
        meta.put("tokenizer.ggml.merges", new String[0]);
        try (GgufFile gguf = write(meta)) {
            assertThatThrownBy(() -> Tokenizers.fromGguf(gguf)).isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("'chameleon'").hasMessageContaining("llama3").hasMessageContaining("qwen2")
                    .hasMessageContaining("gpt-2").hasMessageContaining("default");
        }
    }

    @Test
    void missingTokensOrImpossibleBosAreClearErrors() throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tokenizer.ggml.model", "llama");
        try (GgufFile gguf = write(meta)) {
            assertThatThrownBy(() -> Tokenizers.fromGguf(gguf)).isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("tokenizer.ggml.tokens");
        }
        meta.put("tokenizer.ggml.tokens", new String[] {"a"});
        try (GgufFile gguf = write(meta)) {
            // the default BOS id 1 is outside a one-token vocabulary, yet BOS is to be added
            assertThatThrownBy(() -> Tokenizers.fromGguf(gguf)).isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("BOS");
        }
    }

    /** Writes a GGUF file with only these metadata values (String, String[], Integer as UINT32, Boolean). */
    private GgufFile write(Map<String, Object> metadata) throws IOException {
        GgufWriter writer = new GgufWriter();
        metadata.forEach((key, value) -> writer.put(key, switch (value) {
            case String s -> GgufValue.of(s);
            case String[] a -> GgufValue.ofArray(a);
            case Integer i -> GgufValue.ofUint32(i);
            case Boolean b -> GgufValue.ofBool(b);
            default -> throw new IllegalArgumentException(String.valueOf(value));
        }));
        Path file = Files.createTempFile(dir, "tok", ".gguf");
        writer.write(file);
        return GgufFile.open(file);
    }
}
