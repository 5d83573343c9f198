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
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phi-3's special tokens: for a model whose {@code general.name} says Phi-3, llama.cpp drops the whitespace after
 * every parsed special token but {@code <unk>}, {@code <s>} and {@code <|endoftext|>} (so {@code "<|user|>\nHi"}
 * tokenizes like {@code "<|user|>Hi"}); other models keep it. Checked against llama.cpp's ids
 * ({@code llamacpp-phi3-strip.json}) on a fixture's SentencePiece vocabulary with Phi-3's chat tokens added.
 */
class SpecialTokenStrippingTest {
    private static final String[] CHAT_TOKENS = {"<|endoftext|>", "<|assistant|>", "<|end|>", "<|user|>", "<|system|>"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"Phi-3 Mini 4k Instruct", "Some Model"})
    void whitespaceAfterSpecialTokensIsDroppedOnlyForPhi3AsInLlamaCpp(String modelName) throws IOException {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("llamacpp-phi3-strip.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        Path vocab = dir.resolve("vocab.gguf");
        try (GgufFile source = GgufFile.open(Fixtures.model("rand-phi3-spm32k-F16.gguf"))) {
            GgufWriter writer = new GgufWriter().put("general.name", GgufValue.of(modelName));
            source.metadata().forEach((key, value) -> {
                if (key.startsWith("tokenizer.")) writer.put(key, value);
            });
            String[] tokens = source.getArray("tokenizer.ggml.tokens", String[].class);
            float[] scores = source.getArray("tokenizer.ggml.scores", float[].class);
            int[] types = source.getArray("tokenizer.ggml.token_type", int[].class);
            int n = tokens.length;
            tokens = Arrays.copyOf(tokens, n + CHAT_TOKENS.length);
            scores = Arrays.copyOf(scores, tokens.length);
            types = Arrays.copyOf(types, tokens.length);
            for (int i = 0; i < CHAT_TOKENS.length; i++) {
                tokens[n + i] = CHAT_TOKENS[i];
                types[n + i] = i == 0 ? 3 : 4; // control, then user-defined
            }
            writer.put("tokenizer.ggml.tokens", GgufValue.ofArray(tokens))
                    .put("tokenizer.ggml.scores", GgufValue.ofArray(scores))
                    .put("tokenizer.ggml.token_type", GgufValue.ofArray(types))
                    .write(vocab);
        }
        try (GgufFile gguf = GgufFile.open(vocab)) {
            Tokenizer tokenizer = Tokenizers.fromGguf(gguf);
            JsonNode cases = expected.get("cases");
            for (int i = 0; i < cases.size(); i++) {
                JsonNode ids = expected.get(modelName).get(i);
                int[] want = new int[ids.size()];
                for (int j = 0; j < want.length; j++) want[j] = ids.get(j).asInt();
                String text = cases.get(i).asText();
                assertThat(tokenizer.encode(text, true, true)).as("%s: \"%s\"", modelName, text).containsExactly(want);
            }
        }
    }
}
