package dev.colossus.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufWriter;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tekken (Mistral Nemo and later) and GPT-4o (Llama 4, Phi-4-mini) pre-tokenizers against llama.cpp: the GPT-2
 * vocabulary of a fixture with {@code tokenizer.ggml.pre} set to each name, tokenized by llama.cpp
 * ({@code llamacpp-cased-pretokenizers.json}) on strings that exercise their upper/lower-case word splits, digit
 * grouping, contractions, slashes, newlines and non-ASCII letters. Merges never cross a word, so equal ids mean equal
 * word boundaries; Tekken also ignores merges for whole-word tokens and adds BOS, which the ids show too.
 */
class CasedPreTokenizersTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"tekken", "gpt-4o"})
    void tokenIdsMatchLlamaCpp(String pre) throws IOException {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("llamacpp-cased-pretokenizers.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        Path vocab = dir.resolve(pre + ".gguf");
        try (GgufFile source = GgufFile.open(Fixtures.model("rand-qwen2-gpt2-F16.gguf"))) {
            GgufWriter writer = new GgufWriter().put("general.architecture", GgufValue.of("gpt2"));
            source.metadata().forEach((key, value) -> {
                if (key.startsWith("tokenizer.")) writer.put(key, value);
            });
            writer.put("tokenizer.ggml.pre", GgufValue.of(pre)).write(vocab);
        }
        try (GgufFile gguf = GgufFile.open(vocab)) {
            Tokenizer tokenizer = Tokenizers.fromGguf(gguf);
            JsonNode cases = expected.get("cases");
            for (int i = 0; i < cases.size(); i++) {
                JsonNode ids = expected.get(pre).get(i);
                int[] want = new int[ids.size()];
                for (int j = 0; j < want.length; j++) want[j] = ids.get(j).asInt();
                String text = cases.get(i).asText();
                assertThat(tokenizer.encode(text, true, false)).as("%s: \"%s\"", pre, text).containsExactly(want);
            }
        }
    }
}
