package dev.colossus.engine.tokenizer;

import java.util.Random;

/** Seeded random strings mixing the characters tokenizers get wrong: spaces, controls, marks, emoji, surrogates. */
final class RandomText {
    private static final String[] ALPHABET = {"a", "b", "c", "e", "Z", " ", "  ", "\t", "\n", "\r\n", "\u0000",
            "'s", "'LL", "1", "23", "٣", ".", ",", "!", "<", "<s>", "</s>", "<tool>", "é", "e\u0301", "ß", "日本",
            "🙂", "👍🏽", "\u200D", "\u00A0", "\u3000", "\u2581", "\uD800", "\uDFFF", "\uFFFD", "\u0085"};

    private RandomText() {
    }

    static String next(Random random, int maxParts) {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(maxParts + 1);
        for (int i = 0; i < parts; i++) text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        return text.toString();
    }
}
