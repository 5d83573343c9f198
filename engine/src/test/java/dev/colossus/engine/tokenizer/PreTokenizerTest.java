package dev.colossus.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Word splits derived by hand from the regular expressions llama.cpp uses for each pre-tokenizer. */
class PreTokenizerTest {

    private static List<String> words(PreTokenizer pre, String text) {
        int[] cps = CodePoints.of(text);
        return pre.split(cps).asList().stream().map(r -> new String(cps, r[0], r[1] - r[0])).toList();
    }

    @Test
    void gpt2KeepsASpaceWithTheFollowingWordAndLeavesOneSpaceOfARun() {
        assertThat(words(PreTokenizer.GPT2, "Hello world's  end\n"))
                .containsExactly("Hello", " world", "'s", " ", " end", "\n");
    }

    @Test
    void gpt2ContractionsAreCaseSensitiveAndNumbersStayWhole() {
        assertThat(words(PreTokenizer.GPT2, "I'M 12345!?")).containsExactly("I", "'", "M", " 12345", "!?");
    }

    @Test
    void llama3SplitsNumbersInThreesAndKeepsNewlinesWithPunctuation() {
        assertThat(words(PreTokenizer.LLAMA3, "I'M 12345 ok!!\n\n  x"))
                .containsExactly("I", "'M", " ", "123", "45", " ok", "!!\n\n", " ", " x");
    }

    @Test
    void llama3AttachesAnyNonLetterNonDigitToTheFollowingWord() {
        assertThat(words(PreTokenizer.LLAMA3, "(word\tnext")).containsExactly("(word", "\tnext");
        assertThat(words(PreTokenizer.LLAMA3, "a \n\n b")).containsExactly("a", " \n\n", " b");
    }

    @Test
    void qwen2MakesEveryDigitAWord() {
        assertThat(words(PreTokenizer.QWEN2, "x 12345")).containsExactly("x", " ", "1", "2", "3", "4", "5");
    }

    @Test
    void defaultSplitsPunctuationFirstThenDigitsInThrees() {
        assertThat(words(PreTokenizer.DEFAULT, "a,b 1234!")).containsExactly("a", ",", "b", " ", "123", "4", "!");
    }

    @Test
    void nonAsciiLettersDigitsAndSpacesFollowUnicodeCategories() {
        assertThat(words(PreTokenizer.GPT2, "日本語 ١٢٣٤a\u3000b")).containsExactly("日本語", " ١٢٣٤", "a", "\u3000", "b");
        assertThat(words(PreTokenizer.LLAMA3, "١٢٣٤")).containsExactly("١٢٣", "٤");
    }

    @Test
    void combiningMarksAndEmojiAreNotLetters() {
        assertThat(words(PreTokenizer.GPT2, "e\u0301t 🙂🙂")).containsExactly("e", "\u0301", "t", " 🙂🙂");
    }

    @Test
    void wordsAlwaysCoverTheWholeInput() {
        String hostile = "\u0000\u0001 \t\r\n\u00A0\u2028'''ll's\uFFFD\uD83D\uDE42" + "x".repeat(1000) + "   ";
        for (PreTokenizer pre : PreTokenizer.values()) {
            assertThat(String.join("", words(pre, hostile))).as(pre.name()).isEqualTo(hostile);
        }
    }
}
