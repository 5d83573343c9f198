package dev.colossus.engine.tokenizer;

import java.util.function.IntPredicate;

/**
 * Code point classes as llama.cpp's pre-tokenizers see them: Unicode general categories ({@code \p{L}},
 * {@code \p{N}}, {@code \p{P}}) from the JDK's tables and whitespace as the Unicode White_Space property.
 */
final class CodePoints {
    /**
     * {@code [\p{P}\$\+<=>\^~\|]} as llama.cpp evaluates it: ASCII punctuation and symbols except the backquote,
     * and any other code point of category P that is not whitespace.
     */
    static final IntPredicate DEFAULT_PUNCT = cp -> cp < 128
            ? "!\"#$%&'()*+,-./:;<=>?@[\\]^_{|}~".indexOf(cp) >= 0
            : !isWhitespace(cp) && isPunctuation(cp);

    /** {@code \p{N}} as llama.cpp evaluates it: ASCII digits, and any other code point of category N. */
    static final IntPredicate COLLAPSED_NUMBER = cp -> cp < 128
            ? cp >= '0' && cp <= '9'
            : !isWhitespace(cp) && isNumber(cp);

    private CodePoints() {
    }

    static boolean isLetter(int cp) {
        return Character.isLetter(cp);
    }

    static boolean isNumber(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    static boolean isPunctuation(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The Unicode White_Space property (not Java's {@code Character.isWhitespace}, which differs). */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F
                || cp == 0x205F || cp == 0x3000;
    }

    /**
     * The code points of {@code text}; a lone surrogate (which has no UTF-8 form) becomes U+FFFD, as llama.cpp turns
     * undecodable input into U+FFFD.
     */
    static int[] of(String text) {
        int[] out = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            out[n++] = cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE ? 0xFFFD : cp;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** {@code text} with every lone surrogate replaced by U+FFFD, so that it has an exact UTF-8 form. */
    static String sanitize(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    int[] cps = of(text);
                    return new String(cps, 0, cps.length);
                }
                i++;
            }
        }
        return text;
    }
}
