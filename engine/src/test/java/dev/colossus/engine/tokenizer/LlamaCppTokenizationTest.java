package dev.colossus.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Token ids and pieces compared with llama.cpp's own output for the same GGUF vocabularies (shared fixtures). */
class LlamaCppTokenizationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @ValueSource(strings = {"tok512-spm", "llama-spm-32k", "gpt2-bpe"})
    void everyTokenizerCaseMatchesLlamaCpp(String vocab) throws IOException {
        JsonNode reference = JSON.readTree(Fixtures.require("reference/tokenizer." + vocab + ".json").toFile());
        GgufTokenizer tokenizer = load(reference.get("model_file").asText());
        List<String> mismatches = new ArrayList<>();
        int cases = 0;
        for (JsonNode c : reference.get("cases")) {
            String text = c.get("text").asText();
            assertThat(HEX.formatHex(text.getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(c.get("text_bytes_hex").asText());
            String what = vocab + " " + JSON.writeValueAsString(text);
            int[] withSpecial = tokenizer.encode(text, true, false);
            int[] noSpecial = tokenizer.encode(text, false, false);
            int[] parsed = tokenizer.encode(text, true, true);
            check(mismatches, what + " add_special", ids(c.get("tokens_add_special")), withSpecial);
            check(mismatches, what + " no_special", ids(c.get("tokens_no_special")), noSpecial);
            check(mismatches, what + " parse_special", ids(c.get("tokens_add_special_parse_special")), parsed);
            if (!c.get("llama_tokenize_cli_with_bos").isNull()) {
                check(mismatches, what + " llama-tokenize", ids(c.get("llama_tokenize_cli_with_bos")), withSpecial);
                check(mismatches, what + " llama-tokenize --no-bos", ids(c.get("llama_tokenize_cli_no_bos")),
                        noSpecial);
            }
            int[] expectedNoSpecial = ids(c.get("tokens_no_special"));
            ByteArrayOutputStream concat = new ByteArrayOutputStream();
            for (int i = 0; i < expectedNoSpecial.length; i++) {
                int id = expectedNoSpecial[i];
                check(mismatches, what + " piece of " + id, c.get("pieces_no_special_hex").get(i).asText(),
                        HEX.formatHex(tokenizer.piece(id, true)));
                concat.writeBytes(tokenizer.piece(id, false));
            }
            check(mismatches, what + " concatenated pieces", c.get("concat_pieces_hex").asText(),
                    HEX.formatHex(concat.toByteArray()));
            cases++;
        }
        assertThat(mismatches).isEmpty();
        assertThat(cases).isEqualTo(18);
    }

    @Test
    void everyModelPromptReferenceTokenizesAsLlamaCpp() throws IOException {
        JsonNode index = JSON.readTree(Fixtures.require("reference/index.json").toFile());
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (JsonNode entry : index) {
            JsonNode reference = JSON.readTree(Fixtures.require("reference/" + entry.get("file").asText()).toFile());
            GgufTokenizer tokenizer = load(reference.get("model_file").asText());
            String prompt = reference.get("prompt").asText();
            String what = reference.get("model_file").asText() + " " + prompt;
            int[] withSpecial = tokenizer.encode(prompt, true, false);
            check(mismatches, what, ids(reference.get("tokens_add_special")), withSpecial);
            check(mismatches, what + " no BOS", ids(reference.get("tokens_no_special")),
                    tokenizer.encode(prompt, false, false));
            check(mismatches, what + " n_vocab", reference.get("n_vocab").asInt(), tokenizer.vocabularySize());
            JsonNode pieces = reference.get("token_pieces_add_special");
            check(mismatches, what + " piece count", pieces.size(), withSpecial.length);
            for (int i = 0; i < withSpecial.length && i < pieces.size(); i++) {
                check(mismatches, what + " piece " + i, pieces.get(i).asText(),
                        new String(tokenizer.piece(withSpecial[i], true), StandardCharsets.UTF_8));
            }
            checked++;
        }
        assertThat(mismatches).isEmpty();
        assertThat(checked).isEqualTo(index.size()).isGreaterThanOrEqualTo(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rand-llama-spm32k-Q8_0.gguf", "rand-qwen2-gpt2-Q8_0.gguf", "stories260K.gguf"})
    void randomTextRoundTripsThroughRealVocabularies(String model) throws IOException {
        GgufTokenizer tokenizer = load(model);
        boolean sentencePiece = tokenizer instanceof SentencePieceTokenizer;
        Random random = new Random(model.hashCode());
        for (int trial = 0; trial < 300; trial++) {
            String text = RandomText.next(random, 60).replace("<tool>", "<b>");
            String clean = CodePoints.sanitize(text);
            String expected = !sentencePiece ? clean : clean.isEmpty() ? "" : " " + clean.replace('\u2581', ' ');
            assertThat(SentencePieceTokenizerTest.decode(tokenizer, tokenizer.encode(text, false, false)))
                    .as("%s %s", model, text).isEqualTo(expected);
        }
    }

    private static GgufTokenizer load(String modelFile) throws IOException {
        Path path = Fixtures.model(modelFile);
        try (GgufFile gguf = GgufFile.open(path)) {
            return Tokenizers.fromGguf(gguf);
        }
    }

    /** Records a mismatch instead of failing at once, so that one run reports every differing case. */
    private static void check(List<String> mismatches, String what, Object expected, Object actual) {
        boolean same = expected instanceof int[] e && actual instanceof int[] a ? Arrays.equals(e, a)
                : Objects.equals(expected, actual);
        if (!same) mismatches.add(what + ": expected " + show(expected) + " but was " + show(actual));
    }

    private static String show(Object value) {
        return value instanceof int[] ids ? Arrays.toString(ids) : String.valueOf(value);
    }

    private static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = array.get(i).asInt();
        return ids;
    }
}
