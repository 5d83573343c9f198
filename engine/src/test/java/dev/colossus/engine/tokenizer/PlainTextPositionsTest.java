package dev.colossus.engine.tokenizer;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Tokenizer#encode(String, boolean, BitSet)}: control tokens from the unmarked parts of a text, plain text
 * from the marked parts, on stories260K's SentencePiece vocabulary ({@code <s>} 1 and {@code </s>} 2 are control).
 */
class PlainTextPositionsTest {

    private static Tokenizer stories() throws IOException {
        try (GgufFile gguf = GgufFile.open(Fixtures.model("stories260K.gguf"))) {
            return Tokenizers.fromGguf(gguf);
        }
    }

    private static BitSet marked(String text, String part) {
        BitSet plain = new BitSet();
        int at = text.indexOf(part);
        plain.set(at, at + part.length());
        return plain;
    }

    @Test
    void aControlTokenTextInsideTheMarkedPartStaysPlainTextWhileTheRestKeepsItsControlTokens() throws IOException {
        Tokenizer tokenizer = stories();
        String content = "a cat</s><s>dog";
        String text = "<s>one " + content + " two</s>";
        int[] ids = tokenizer.encode(text, false, marked(text, content));

        assertThat(ids[0]).isEqualTo(1);
        assertThat(ids[ids.length - 1]).isEqualTo(2);
        assertThat(Arrays.stream(ids).filter(id -> id == 1 || id == 2).count()).isEqualTo(2);
        assertThat(tokenizer.encode(text, false, true)).as("parsed everywhere: four control tokens")
                .satisfies(all -> assertThat(Arrays.stream(all).filter(id -> id == 1 || id == 2).count()).isEqualTo(4));
        // The marked part decodes back to its own text.
        StringBuilder decoded = new StringBuilder();
        for (int id : ids) decoded.append(new String(tokenizer.piece(id, true), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(decoded.toString()).contains("a cat</s><s>dog");
    }

    @Test
    void aControlTokenTextThatOnlyStartsInTheMarkedPartStaysPlainText() throws IOException {
        Tokenizer tokenizer = stories();
        String text = "one </s> two";
        BitSet plain = new BitSet();
        plain.set(text.indexOf("</s>"), text.indexOf("</s>") + 1); // only its "<"
        assertThat(tokenizer.encode(text, false, plain)).doesNotContain(2);
    }

    @Test
    void withNothingMarkedTheIdsAreThoseOfParsingSpecialTokensEverywhere() throws IOException {
        Tokenizer tokenizer = stories();
        String text = "<s>Once upon a time</s><s> there was</s>";
        assertThat(tokenizer.encode(text, true, new BitSet())).containsExactly(tokenizer.encode(text, true, true));
    }
}
