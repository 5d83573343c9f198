package dev.colossus.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8AccumulatorTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void asciiPassesStraightThrough() {
        Utf8Accumulator acc = new Utf8Accumulator();
        assertThat(acc.accept(utf8("Hello, "))).isEqualTo("Hello, ");
        assertThat(acc.accept(utf8("world"))).isEqualTo("world");
        assertThat(acc.hasPending()).isFalse();
    }

    @Test
    void holdsBackAnEmojiSplitIntoSingleBytesUntilItsLastByte() {
        byte[] emoji = utf8("🙂"); // f0 9f 99 82
        Utf8Accumulator acc = new Utf8Accumulator();
        assertThat(acc.accept(new byte[] {emoji[0]})).isEmpty();
        assertThat(acc.accept(new byte[] {emoji[1]})).isEmpty();
        assertThat(acc.accept(new byte[] {emoji[2]})).isEmpty();
        assertThat(acc.hasPending()).isTrue();
        assertThat(acc.accept(new byte[] {emoji[3]})).isEqualTo("🙂");
        assertThat(acc.hasPending()).isFalse();
    }

    @Test
    void emitsTheCompleteCharactersBeforeAPartialOne() {
        byte[] text = utf8("ab日");
        Utf8Accumulator acc = new Utf8Accumulator();
        assertThat(acc.accept(Arrays.copyOf(text, 3))).isEqualTo("ab");
        assertThat(acc.accept(Arrays.copyOfRange(text, 3, 4))).isEmpty();
        assertThat(acc.accept(new byte[] {text[4], 'c'})).isEqualTo("日c");
    }

    @Test
    void replacesBytesThatCanNeverFormACharacterAtOnce() {
        Utf8Accumulator acc = new Utf8Accumulator();
        // a lone continuation byte, and a lead byte followed by ASCII
        assertThat(acc.accept(new byte[] {(byte) 0x80, 'a'})).isEqualTo("\uFFFDa");
        assertThat(acc.accept(new byte[] {(byte) 0xE6, 'b'})).isEqualTo("\uFFFDb");
        // 0xE0 0x80 is an overlong prefix: no continuation can make it valid
        assertThat(acc.accept(new byte[] {(byte) 0xE0, (byte) 0x80})).contains("\uFFFD");
        assertThat(acc.hasPending()).isFalse();
    }

    @Test
    void flushTurnsAnUnfinishedSequenceIntoOneReplacementCharacter() {
        Utf8Accumulator acc = new Utf8Accumulator();
        assertThat(acc.accept(new byte[] {'x', (byte) 0xF0, (byte) 0x9F})).isEqualTo("x");
        assertThat(acc.flush()).isEqualTo("\uFFFD");
        assertThat(acc.hasPending()).isFalse();
        assertThat(acc.flush()).isEmpty();
    }

    @Test
    void anySplitOfValidTextStreamsBackTheSameText() {
        Random random = new Random(42);
        String text = "naïve café — 日本語 🙂👍🏽 e\u0301 \u0000 end";
        byte[] bytes = utf8(text);
        for (int trial = 0; trial < 500; trial++) {
            Utf8Accumulator acc = new Utf8Accumulator();
            StringBuilder out = new StringBuilder();
            for (int pos = 0; pos < bytes.length; ) {
                int len = Math.min(bytes.length - pos, 1 + random.nextInt(5));
                String chunk = acc.accept(Arrays.copyOfRange(bytes, pos, pos + len));
                assertThat(chunk).doesNotContain("\uFFFD");
                out.append(chunk);
                pos += len;
            }
            out.append(acc.flush());
            assertThat(out.toString()).isEqualTo(text);
        }
    }
}
