package dev.colossus.train.tokenizer;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenizer ({@code tokenizer.ggml.pre = gpt-2}): splits text into the words within which BPE merges.
 * The expression is llama.cpp's for that pre-tokenizer, with Unicode classes ({@code \s} is White_Space).
 * Thread safety: stateless.
 */
final class WordSplitter {
    private static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private WordSplitter() {
    }

    /** Passes each word of {@code text}, in order, to {@code word}; together they are the whole text. */
    static void split(CharSequence text, Consumer<String> word) {
        Matcher m = GPT2.matcher(text);
        while (m.find()) word.accept(m.group());
    }
}
