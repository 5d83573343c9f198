package dev.colossus.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.testing.Fixtures;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Token ids and pieces compared with llama.cpp's own output for the same GGUF vocabularies (shared fixtures). */
class LlamaCppReferenceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @ValueSource(strings = {"tok512-spm", "llama-spm-32k", "gpt2-bpe"})
    void everyTokenizerCaseMatchesLlamaCpp(String vocab) throws IOException {
        JsonNode reference = JSON.readTree(Fixtures.require("reference/tokenizer." + vocab + ".json").toFile());
        GgufTokenizer tokenizer = load(reference.get("model_file").asText());
        SoftAssertions soft = new SoftAssertions();
        int cases = 0;
        for (JsonNode c : reference.get("cases")) {
            String text = c.get("text").asText();
            assertThat(HEX.formatHex(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(c.get("text_bytes_hex").asText());
            String what = vocab + " " + JSON.writeValueAsString(text);
            int[] noSpecial = tokenizer.encode(text, false, false);
            soft.assertThat(tokenizer.encode(text, true, false)).as(what + " add_special")
                    .containsExactly(ids(c.get("tokens_add_special")));
            soft.assertThat(noSpecial).as(what + " no_special").containsExactly(ids(c.get("tokens_no_special")));
            soft.assertThat(tokenizer.encode(text, true, true)).as(what + " add_special parse_special")
                    .containsExactly(ids(c.get("tokens_add_special_parse_special")));
            if (!c.get("llama_tokenize_cli_with_bos").isNull()) {
                soft.assertThat(tokenizer.encode(text, true, false)).as(what + " llama-tokenize")
                        .containsExactly(ids(c.get("llama_tokenize_cli_with_bos")));
                soft.assertThat(noSpecial).as(what + " llama-tokenize --no-bos")
                        .containsExactly(ids(c.get("llama_tokenize_cli_no_bos")));
            }
            int[] expectedNoSpecial = ids(c.get("tokens_no_special"));
            ByteArrayOutputStream concat = new ByteArrayOutputStream();
            for (int i = 0; i < expectedNoSpecial.length; i++) {
                soft.assertThat(HEX.formatHex(tokenizer.piece(expectedNoSpecial[i], true)))
                        .as(what + " piece of " + expectedNoSpecial[i])
                        .isEqualTo(c.get("pieces_no_special_hex").get(i).asText());
                concat.writeBytes(tokenizer.piece(expectedNoSpecial[i], false));
            }
            soft.assertThat(HEX.formatHex(concat.toByteArray())).as(what + " concatenated pieces")
                    .isEqualTo(c.get("concat_pieces_hex").asText());
            cases++;
        }
        soft.assertAll();
        assertThat(cases).isEqualTo(18);
    }

    @Test
    void everyModelPromptReferenceTokenizesAsLlamaCpp() throws IOException {
        JsonNode index = JSON.readTree(Fixtures.require("reference/index.json").toFile());
        SoftAssertions soft = new SoftAssertions();
        int checked = 0;
        for (JsonNode entry : index) {
            JsonNode reference = JSON.readTree(Fixtures.require("reference/" + entry.get("file").asText()).toFile());
            GgufTokenizer tokenizer = load(reference.get("model_file").asText());
            String prompt = reference.get("prompt").asText();
            String what = reference.get("model_file").asText() + " " + prompt;
            int[] withSpecial = tokenizer.encode(prompt, true, false);
            soft.assertThat(withSpecial).as(what).containsExactly(ids(reference.get("tokens_add_special")));
            soft.assertThat(tokenizer.encode(prompt, false, false)).as(what + " no BOS")
                    .containsExactly(ids(reference.get("tokens_no_special")));
            soft.assertThat(reference.get("n_vocab").asInt()).as(what + " n_vocab")
                    .isEqualTo(tokenizer.vocabularySize());
            JsonNode pieces = reference.get("token_pieces_add_special");
            for (int i = 0; i < withSpecial.length && i < pieces.size(); i++) {
                soft.assertThat(new String(tokenizer.piece(withSpecial[i], true), StandardCharsets.UTF_8))
                        .as(what + " piece " + i).isEqualTo(pieces.get(i).asText());
            }
            checked++;
        }
        soft.assertAll();
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

    private static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = array.get(i).asInt();
        return ids;
    }
}
