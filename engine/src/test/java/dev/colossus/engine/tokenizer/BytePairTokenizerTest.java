package dev.colossus.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Byte-level BPE on a small in-memory vocabulary (ids 0..255 are the single bytes), ids worked out by hand. */
class BytePairTokenizerTest {

    static final int HE = 256;
    static final int HELLO = 259;
    static final int SPACE_HELLO = 260;
    static final int END_OF_TEXT = 261;
    static final int TOOL = 262;
    static final int AB = 263;
    static final int BC = 264;
    static final int ABC = 265;

    private static final String[] EXTRA = {"he", "ll", "hell", "hello", "Ġhello", "<|endoftext|>", "<tool>", "ab", "bc",
            "abc"};
    private static final String[] MERGES = {"h e", "l l", "he ll", "hell o", "Ġ hello", "a b", "b c", "x y"};

    static BytePairTokenizer tokenizer(String[] merges, PreTokenizer pre, boolean ignoreMerges,
                                       Vocabulary.Settings settings) {
        List<String> tokens = new ArrayList<>();
        for (int b = 0; b < 256; b++) tokens.add(ByteLevel.encode(new byte[] {(byte) b}, 0, 1));
        tokens.addAll(List.of(EXTRA));
        int[] types = new int[tokens.size()];
        Arrays.fill(types, 1);
        types[END_OF_TEXT] = 3;
        types[TOOL] = 4;
        return new BytePairTokenizer(new Vocabulary(tokens.toArray(String[]::new), null, types, settings), merges, pre,
                ignoreMerges);
    }

    private final BytePairTokenizer bpe = tokenizer(MERGES, PreTokenizer.GPT2, false,
            Vocabulary.Settings.bytePair().withIds(END_OF_TEXT, END_OF_TEXT, -1));

    @Test
    void mergesByRankWithinEachWord() {
        assertThat(bpe.encode("hello hello", false, false)).containsExactly(HELLO, SPACE_HELLO);
    }

    @Test
    void theLowerRankedMergeWins() {
        assertThat(bpe.encode("abc", false, false)).containsExactly(AB, 'c');
        String[] bcFirst = {"b c", "a b"};
        assertThat(tokenizer(bcFirst, PreTokenizer.GPT2, false, Vocabulary.Settings.bytePair())
                .encode("abc", false, false)).containsExactly('a', BC);
    }

    @Test
    void ignoreMergesTakesAWholeWordThatIsAToken() {
        assertThat(tokenizer(MERGES, PreTokenizer.LLAMA3, true, Vocabulary.Settings.bytePair())
                .encode("abc", false, false)).containsExactly(ABC);
        assertThat(tokenizer(MERGES, PreTokenizer.LLAMA3, false, Vocabulary.Settings.bytePair())
                .encode("abc", false, false)).containsExactly(AB, 'c');
    }

    @Test
    void aMergeWhoseResultIsNoTokenFallsBackToItsAsciiCharacters() {
        assertThat(bpe.encode("xy", false, false)).containsExactly('x', 'y');
    }

    @Test
    void addsNothingByDefaultAndBosWhenTheVocabularySaysSo() {
        assertThat(bpe.encode("", true, false)).isEmpty();
        assertThat(bpe.encode("he", true, false)).containsExactly(HE);
        BytePairTokenizer withBos = tokenizer(MERGES, PreTokenizer.LLAMA3, true,
                Vocabulary.Settings.bytePair().withIds(END_OF_TEXT, END_OF_TEXT, -1).withAdded(true, false));
        assertThat(withBos.encode("he", true, false)).containsExactly(END_OF_TEXT, HE);
        assertThat(withBos.encode("he", false, false)).containsExactly(HE);
    }

    @Test
    void everyByteIsRepresentable() {
        assertThat(bpe.encode("\u0000", false, false)).containsExactly(0);
        assertThat(bpe.encode("🙂", false, false)).containsExactly(0xF0, 0x9F, 0x99, 0x82);
        assertThat(bpe.encode("\uDBFF", false, false)).containsExactly(0xEF, 0xBF, 0xBD);
        assertThat(bpe.encode("e\u0301", false, false)).containsExactly('e', 0xCC, 0x81);
    }

    @Test
    void controlTokensSplitOnlyWithParseSpecialButUserDefinedAlways() {
        assertThat(bpe.encode("x<|endoftext|>y", false, true)).containsExactly('x', END_OF_TEXT, 'y');
        assertThat(bpe.encode("x<|endoftext|>y", false, false)).doesNotContain(END_OF_TEXT)
                .startsWith('x', '<', '|');
        assertThat(bpe.encode("a<tool>b", false, false)).containsExactly('a', TOOL, 'b');
    }

    @Test
    void piecesDecodeTheByteAlphabet() {
        assertThat(new String(bpe.piece(SPACE_HELLO, false), StandardCharsets.UTF_8)).isEqualTo(" hello");
        assertThat(bpe.piece(0xC3, false)).containsExactly((byte) 0xC3);
        assertThat(bpe.piece(END_OF_TEXT, false)).isEmpty();
        assertThat(new String(bpe.piece(END_OF_TEXT, true), StandardCharsets.UTF_8)).isEqualTo("<|endoftext|>");
        assertThat(bpe.isEndOfGeneration(END_OF_TEXT)).isTrue();
        assertThat(bpe.isEndOfGeneration(HELLO)).isFalse();
    }

    @Test
    void whitespaceOnlyAndVeryLongInputsRoundTrip() {
        assertThat(SentencePieceTokenizerTest.decode(bpe, bpe.encode(" \t \n\n  ", false, false)))
                .isEqualTo(" \t \n\n  ");
        String longText = "hello hello abc ".repeat(20_000) + "x".repeat(100_000);
        assertThat(SentencePieceTokenizerTest.decode(bpe, bpe.encode(longText, false, false))).isEqualTo(longText);
    }

    @Test
    void randomTextRoundTripsThroughPiecesWithEveryPreTokenizer() {
        Random random = new Random(11);
        for (PreTokenizer pre : PreTokenizer.values()) {
            BytePairTokenizer tokenizer = tokenizer(MERGES, pre, pre == PreTokenizer.LLAMA3,
                    Vocabulary.Settings.bytePair());
            for (int trial = 0; trial < 200; trial++) {
                String text = RandomText.next(random, 40);
                assertThat(SentencePieceTokenizerTest.decode(tokenizer, tokenizer.encode(text, false, false)))
                        .as("%s %s", pre, text).isEqualTo(CodePoints.sanitize(text));
            }
        }
    }
}
