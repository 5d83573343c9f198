package dev.colossus.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SentencePiece tokenization on a small in-memory vocabulary, expected ids worked out by hand. */
class SentencePieceTokenizerTest {

    static final int UNK = 0;
    static final int BOS = 1;
    static final int EOS = 2;
    static final int SPACE = 259;
    static final int A = 260;
    static final int B = 261;
    static final int C = 262;
    static final int AA = 263;
    static final int AB = 264;
    static final int BC = 265;
    static final int SPACE_A = 266;
    static final int TOOL = 267;
    static final int IM_END = 268;

    private static int byteToken(int b) {
        return 3 + b;
    }

    static SentencePieceTokenizer tokenizer(Vocabulary.Settings settings) {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            scores.add(0f);
            types.add(6);
        }
        Object[][] normal = {{"▁", -1f}, {"a", -1f}, {"b", -1f}, {"c", -1f}, {"aa", -2f}, {"ab", -3f}, {"bc", -2.5f},
                {"▁a", -4f}};
        for (Object[] t : normal) {
            tokens.add((String) t[0]);
            scores.add((Float) t[1]);
            types.add(1);
        }
        tokens.add("<tool>");
        scores.add(0f);
        types.add(4);
        tokens.add("<|im_end|>");
        scores.add(0f);
        types.add(1);
        float[] s = new float[scores.size()];
        int[] ty = new int[types.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
            ty[i] = types.get(i);
        }
        return new SentencePieceTokenizer(new Vocabulary(tokens.toArray(String[]::new), s, ty, settings));
    }

    private final SentencePieceTokenizer spm = tokenizer(Vocabulary.Settings.sentencePiece());

    @Test
    void mergesTheHighestScoringPairFirst() {
        // "▁abc": bc (-2.5) beats ab (-3) and ▁a (-4); then ▁a
        assertThat(spm.encode("abc", false, false)).containsExactly(SPACE_A, BC);
    }

    @Test
    void equalScoresMergeLeftmostFirst() {
        // "▁aaa": the two "aa" pairs tie; the left one wins, which blocks the other and ▁a
        assertThat(spm.encode("aaa", false, false)).containsExactly(SPACE, AA, A);
    }

    @Test
    void addsBosAndTheDummyPrefixSpace() {
        assertThat(spm.encode("a", true, false)).containsExactly(BOS, SPACE_A);
        assertThat(spm.encode("", true, false)).containsExactly(BOS);
        assertThat(spm.encode("", false, false)).isEmpty();
        assertThat(spm.encode(" ", false, false)).containsExactly(SPACE, SPACE);
    }

    @Test
    void addsEosWhenTheVocabularySaysSo() {
        SentencePieceTokenizer withEos = tokenizer(Vocabulary.Settings.sentencePiece().withAdded(false, true));
        assertThat(withEos.encode("a", true, false)).containsExactly(SPACE_A, EOS);
        assertThat(withEos.encode("a", false, false)).containsExactly(SPACE_A);
    }

    @Test
    void withoutSpacePrefixTheTextIsTakenAsItIs() {
        SentencePieceTokenizer noPrefix = tokenizer(Vocabulary.Settings.sentencePiece().withAddSpacePrefix(false));
        assertThat(noPrefix.encode("ab", false, false)).containsExactly(AB);
    }

    @Test
    void unknownCharactersFallBackToTheirUtf8Bytes() {
        assertThat(spm.encode("é", false, false)).containsExactly(SPACE, byteToken(0xC3), byteToken(0xA9));
        assertThat(spm.encode("🙂", false, false))
                .containsExactly(SPACE, byteToken(0xF0), byteToken(0x9F), byteToken(0x99), byteToken(0x82));
        assertThat(spm.encode("a\u0000", false, false)).containsExactly(SPACE_A, byteToken(0));
        assertThat(spm.encode("e\u0301", false, false))
                .containsExactly(SPACE, byteToken('e'), byteToken(0xCC), byteToken(0x81));
    }

    @Test
    void aLoneSurrogateIsReadAsTheReplacementCharacter() {
        int[] fffd = {SPACE, byteToken(0xEF), byteToken(0xBF), byteToken(0xBD)};
        assertThat(spm.encode("\uD800", false, false)).containsExactly(fffd);
        assertThat(spm.encode("\uDC00", false, false)).containsExactly(fffd);
    }

    @Test
    void parseSpecialSplitsOnControlTokensAndRestartsTheSpacePrefix() {
        assertThat(spm.encode("<s>a</s>", true, true)).containsExactly(BOS, BOS, SPACE_A, EOS);
        int[] plain = spm.encode("<s>a", false, false);
        assertThat(plain).containsExactly(SPACE, byteToken('<'), byteToken('s'), byteToken('>'), A);
    }

    @Test
    void userDefinedTokensAreMatchedEvenWithoutParseSpecial() {
        assertThat(spm.encode("a<tool>b", false, false)).containsExactly(SPACE_A, TOOL, SPACE, B);
    }

    @Test
    void piecesRenderSpacesBytesAndSpecialTokensLikeLlamaCpp() {
        assertThat(new String(spm.piece(SPACE_A, false), StandardCharsets.UTF_8)).isEqualTo(" a");
        assertThat(spm.piece(byteToken(0xC3), false)).containsExactly((byte) 0xC3);
        assertThat(spm.piece(BOS, false)).isEmpty();
        assertThat(spm.piece(UNK, false)).isEmpty();
        assertThat(new String(spm.piece(BOS, true), StandardCharsets.UTF_8)).isEqualTo("<s>");
        assertThat(new String(spm.piece(TOOL, false), StandardCharsets.UTF_8)).isEqualTo("<tool>");
        assertThatThrownBy(() -> spm.piece(-1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spm.piece(spm.vocabularySize(), true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void endOfGenerationCoversEosAndEndOfTurnTokensFoundByText() {
        assertThat(spm.isEndOfGeneration(EOS)).isTrue();
        assertThat(spm.isEndOfGeneration(IM_END)).isTrue();
        assertThat(spm.vocabulary().eot()).isEqualTo(IM_END);
        assertThat(spm.isEndOfGeneration(BOS)).isFalse();
        assertThat(spm.isEndOfGeneration(A)).isFalse();
        // now a control token: parsed only with parse_special, and no piece without special
        assertThat(spm.encode("<|im_end|>", false, true)).containsExactly(IM_END);
        assertThat(spm.piece(IM_END, false)).isEmpty();
    }

    @Test
    void whitespaceOnlyAndVeryLongInputsTokenizeAndRoundTrip() {
        assertThat(spm.encode(" \t\n", false, false))
                .containsExactly(SPACE, SPACE, byteToken('\t'), byteToken('\n'));
        String longText = "ab c".repeat(50_000);
        int[] ids = spm.encode(longText, true, false);
        assertThat(ids[0]).isEqualTo(BOS);
        assertThat(decode(spm, ids)).isEqualTo(" " + longText);
    }

    @Test
    void randomTextRoundTripsThroughPieces() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            String text = RandomText.next(random, 40);
            // every text fragment (at the start, or after the user-defined token) gets the dummy-prefix space
            String expected = Arrays.stream(CodePoints.sanitize(text).replace('\u2581', ' ').split("<tool>", -1))
                    .map(part -> part.isEmpty() ? "" : " " + part).collect(Collectors.joining("<tool>"));
            assertThat(decode(spm, spm.encode(text, false, false))).as("%s", text).isEqualTo(expected);
        }
    }

    static String decode(Tokenizer tokenizer, int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) out.writeBytes(tokenizer.piece(id, false));
        return out.toString(StandardCharsets.UTF_8);
    }
}
