package dev.colossus.engine.tokenizer;

import java.util.function.IntPredicate;

/**
 * Splits text into the words that byte-level BPE then merges within, exactly as llama.cpp's pre-tokenizer does for a
 * {@code tokenizer.ggml.pre} value. Each is a hand-written scanner over code points equivalent to the regular
 * expression it is named after (leftmost alternative wins, backtracking included), so no input can make it slow.
 */
enum PreTokenizer {

    /** {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}. */
    GPT2 {
        @Override
        void splitPiece(int[] cps, int from, int to, Words words) {
            scanGpt2(cps, from, to, words);
        }
    },

    /**
     * Llama 3: {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|
     * \s*[\r\n]+|\s+(?!\S)|\s+}.
     */
    LLAMA3 {
        @Override
        void splitPiece(int[] cps, int from, int to, Words words) {
            scanLlama3(cps, from, to, 3, words);
        }
    },

    /** Qwen2: as {@link #LLAMA3} but every digit is a word of its own ({@code \p{N}} instead of {@code \p{N}{1,3}}). */
    QWEN2 {
        @Override
        void splitPiece(int[] cps, int from, int to, Words words) {
            scanLlama3(cps, from, to, 1, words);
        }
    },

    /**
     * Mistral's Tekken: {@code [^\r\n\p{L}\p{N}]?U*L+|[^\r\n\p{L}\p{N}]?U+L*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|
     * \s*[\r\n]+|\s+(?!\S)|\s+}, where, as llama.cpp evaluates it, {@code U} is a letter other than {@code a-z} and
     * {@code L} a letter other than {@code A-Z} (a non-ASCII letter is both): words split before an upper-case letter
     * that follows lower-case ones.
     */
    TEKKEN {
        @Override
        void splitPiece(int[] cps, int from, int to, Words words) {
            scanCased(cps, from, to, 1, false, words);
        }
    },

    /**
     * GPT-4o (o200k), also Llama 4 and Phi-4-mini: as {@link #TEKKEN} with an optional contraction
     * ({@code 's 't 're 've 'm 'll 'd}, any case) ending each letter word and numbers in groups of up to three digits.
     */
    GPT4O {
        @Override
        void splitPiece(int[] cps, int from, int to, Words words) {
            scanCased(cps, from, to, 3, true, words);
        }
    },

    /**
     * llama.cpp's fallback for BPE vocabularies without a known pre-tokenizer, four passes each splitting the words of
     * the one before: {@code [\p{P}\$\+<=>\^~\|]+}, then {@link #GPT2}, then {@code \p{N}+}, then
     * {@code [0-9][0-9][0-9]}.
     */
    DEFAULT {
        @Override
        void splitPiece(int[] cps, int from, int to, Words words) {
            Words punct = new Words(from);
            splitRuns(cps, from, to, CodePoints.DEFAULT_PUNCT, punct);
            Words gpt2 = new Words(from);
            punct.forEach((s, e) -> scanGpt2(cps, s, e, gpt2));
            Words numbers = new Words(from);
            gpt2.forEach((s, e) -> splitRuns(cps, s, e, CodePoints.COLLAPSED_NUMBER, numbers));
            numbers.forEach((s, e) -> splitDigitTriples(cps, s, e, words));
        }
    };

    /** Appends the ends of the words of {@code cps[from, to)} to {@code words}. */
    abstract void splitPiece(int[] cps, int from, int to, Words words);

    /** The words of {@code cps}: their exclusive end indices, in order; together they cover all of {@code cps}. */
    final Words split(int[] cps) {
        Words words = new Words(0);
        splitPiece(cps, 0, cps.length, words);
        return words;
    }

    /** Word boundaries: the end index of each word; the first word starts at {@code start}. */
    static final class Words {
        private final int start;
        private final IntList ends = new IntList(16);

        Words(int start) {
            this.start = start;
        }

        /** Ends the current word at {@code end}; an empty word is not added. */
        void endAt(int end) {
            int last = ends.isEmpty() ? start : ends.last();
            if (end > last) ends.add(end);
        }

        int count() {
            return ends.size();
        }

        int start(int word) {
            return word == 0 ? start : ends.get(word - 1);
        }

        int end(int word) {
            return ends.get(word);
        }

        void forEach(Range range) {
            for (int i = 0; i < count(); i++) range.accept(start(i), end(i));
        }
    }

    @FunctionalInterface
    interface Range {
        void accept(int start, int end);
    }

    private static boolean letter(int[] cps, int p, int to) {
        return p < to && CodePoints.isLetter(cps[p]);
    }

    private static boolean number(int[] cps, int p, int to) {
        return p < to && CodePoints.isNumber(cps[p]);
    }

    private static boolean space(int[] cps, int p, int to) {
        return p < to && CodePoints.isWhitespace(cps[p]);
    }

    /** {@code [^\s\p{L}\p{N}]}: any code point that is not whitespace, letter or number. */
    private static boolean other(int[] cps, int p, int to) {
        if (p >= to) return false;
        int cp = cps[p];
        return !CodePoints.isWhitespace(cp) && !CodePoints.isLetter(cp) && !CodePoints.isNumber(cp);
    }

    private static boolean newline(int[] cps, int p, int to) {
        return p < to && (cps[p] == '\r' || cps[p] == '\n');
    }

    /** Length of the contraction ('s 't 're 've 'm 'll 'd) at {@code pos}, or 0. */
    private static int contraction(int[] cps, int pos, int to, boolean ignoreCase) {
        if (cps[pos] != '\'' || pos + 1 >= to) return 0;
        int c1 = ignoreCase ? Character.toLowerCase(cps[pos + 1]) : cps[pos + 1];
        if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') return 2;
        if (pos + 2 >= to) return 0;
        int c2 = ignoreCase ? Character.toLowerCase(cps[pos + 2]) : cps[pos + 2];
        return (c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l') ? 3 : 0;
    }

    /** Whitespace at the end of a run: {@code \s+(?!\S)} leaves the last one to start the next word. */
    private static int whitespaceEnd(int[] cps, int pos, int to) {
        int n = 0;
        while (space(cps, pos + n, to)) n++;
        if (n > 1 && pos + n < to) return pos + n - 1;
        return pos + Math.max(n, 1);
    }

    private static void scanGpt2(int[] cps, int from, int to, Words words) {
        int pos = from;
        while (pos < to) {
            int c = contraction(cps, pos, to, false);
            if (c > 0) {
                pos += c;
            } else {
                int q = cps[pos] == ' ' ? pos + 1 : pos;
                if (letter(cps, q, to)) {
                    pos = q;
                    while (letter(cps, pos, to)) pos++;
                } else if (number(cps, q, to)) {
                    pos = q;
                    while (number(cps, pos, to)) pos++;
                } else if (other(cps, q, to)) {
                    pos = q;
                    while (other(cps, pos, to)) pos++;
                } else {
                    pos = whitespaceEnd(cps, pos, to);
                }
            }
            words.endAt(pos);
        }
    }

    private static void scanLlama3(int[] cps, int from, int to, int maxDigits, Words words) {
        int pos = from;
        while (pos < to) {
            int cp = cps[pos];
            int c = contraction(cps, pos, to, true);
            if (c > 0) {
                pos += c;
                words.endAt(pos);
                continue;
            }
            // [^\r\n\p{L}\p{N}]?\p{L}+
            if (cp != '\r' && cp != '\n' && !CodePoints.isNumber(cp)
                    && (CodePoints.isLetter(cp) || letter(cps, pos + 1, to))) {
                pos++;
                while (letter(cps, pos, to)) pos++;
                words.endAt(pos);
                continue;
            }
            // \p{N}{1,maxDigits}
            if (CodePoints.isNumber(cp)) {
                int groupStart = pos;
                while (number(cps, pos, to)) {
                    pos++;
                    if (pos - groupStart >= maxDigits) {
                        words.endAt(pos);
                        groupStart = pos;
                    }
                }
                words.endAt(pos);
                continue;
            }
            pos = symbolsOrWhitespace(cps, pos, to, false);
            words.endAt(pos);
        }
    }

    /**
     * The end of the word at {@code pos} by the alternatives that close these expressions:
     * {@code  ?[^\s\p{L}\p{N}]+[\r\n]*} ({@code [\r\n/]*} with {@code slash}), then {@code \s*[\r\n]+},
     * {@code \s+(?!\S)}, {@code \s+}.
     */
    private static int symbolsOrWhitespace(int[] cps, int pos, int to, boolean slash) {
        // a lone trailing space also ends up here, as one word
        int q = cps[pos] == ' ' ? pos + 1 : pos;
        if (q >= to || other(cps, q, to)) {
            pos = q;
            while (other(cps, pos, to)) pos++;
            while (newline(cps, pos, to) || (slash && pos < to && cps[pos] == '/')) pos++;
            return pos;
        }
        // \s*[\r\n]+ : the whitespace run up to its last CR or LF
        int lastNewlineEnd = -1;
        for (int p = pos; space(cps, p, to); p++) {
            if (cps[p] == '\r' || cps[p] == '\n') lastNewlineEnd = p + 1;
        }
        return lastNewlineEnd > 0 ? lastNewlineEnd : whitespaceEnd(cps, pos, to);
    }

    /** Letters except {@code a-z}: {@code (?=\p{L})[^a-z]}. */
    private static boolean upperish(int[] cps, int p, int to) {
        return letter(cps, p, to) && !(cps[p] >= 'a' && cps[p] <= 'z');
    }

    /** Letters except {@code A-Z}: {@code (?=\p{L})[^A-Z]}. */
    private static boolean lowerish(int[] cps, int p, int to) {
        return letter(cps, p, to) && !(cps[p] >= 'A' && cps[p] <= 'Z');
    }

    /** The scanner of {@link #TEKKEN} and {@link #GPT4O}. */
    private static void scanCased(int[] cps, int from, int to, int maxDigits, boolean contractions, Words words) {
        int pos = from;
        while (pos < to) {
            int cp = cps[pos];
            int end = casedWord(cps, pos, to);
            if (end > pos) {
                pos = contractions && end < to ? end + contraction(cps, end, to, true) : end;
                words.endAt(pos);
                continue;
            }
            if (CodePoints.isNumber(cp)) {
                int groupEnd = pos;
                while (groupEnd - pos < maxDigits && number(cps, groupEnd, to)) groupEnd++;
                pos = groupEnd;
                words.endAt(pos);
                continue;
            }
            pos = symbolsOrWhitespace(cps, pos, to, true);
            words.endAt(pos);
        }
    }

    /**
     * The end of {@code [^\r\n\p{L}\p{N}]?U*L+|[^\r\n\p{L}\p{N}]?U+L*} at {@code pos} (both greedy, the first
     * backtracking), or {@code pos} when neither matches.
     */
    private static int casedWord(int[] cps, int pos, int to) {
        int cp = cps[pos];
        int start;
        if (CodePoints.isLetter(cp)) {
            start = pos;
        } else if (cp != '\r' && cp != '\n' && !CodePoints.isNumber(cp) && letter(cps, pos + 1, to)) {
            start = pos + 1;
        } else {
            return pos;
        }
        int upperEnd = start;
        while (upperish(cps, upperEnd, to)) upperEnd++;
        for (int k = upperEnd; k >= start; k--) { // U*L+: give back upper-case letters until L+ matches
            int end = k;
            while (lowerish(cps, end, to)) end++;
            if (end > k) return end;
        }
        int end = upperEnd; // U+L*: upperEnd > start, since the letter at start is not lower-case
        while (lowerish(cps, end, to)) end++;
        return end;
    }

    /** Maximal runs of code points that match {@code inRun} are words; so is each stretch between them. */
    private static void splitRuns(int[] cps, int from, int to, IntPredicate inRun, Words words) {
        int pos = from;
        while (pos < to) {
            boolean matching = inRun.test(cps[pos]);
            while (pos < to && inRun.test(cps[pos]) == matching) pos++;
            words.endAt(pos);
        }
    }

    /** {@code [0-9][0-9][0-9]} searched left to right: each match is a word, so is each stretch between matches. */
    private static void splitDigitTriples(int[] cps, int from, int to, Words words) {
        int pos = from;
        while (pos < to) {
            if (pos + 3 <= to && isAsciiDigit(cps[pos]) && isAsciiDigit(cps[pos + 1]) && isAsciiDigit(cps[pos + 2])) {
                words.endAt(pos);
                pos += 3;
                words.endAt(pos);
            } else {
                pos++;
            }
        }
        words.endAt(to);
    }

    private static boolean isAsciiDigit(int cp) {
        return cp >= '0' && cp <= '9';
    }
}
