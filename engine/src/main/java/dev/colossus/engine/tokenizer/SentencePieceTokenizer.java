package dev.colossus.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * SentencePiece-style BPE over token scores ({@code tokenizer.ggml.model = llama}), as llama.cpp's
 * {@code llm_tokenizer_spm}: spaces become U+2581 (with a leading one added to text at the start or after a special
 * token), the text is split into UTF-8 characters, and the adjacent pair whose concatenation is the highest-scoring
 * token is merged until none is left (ties: leftmost). A character that is no token becomes its byte-fallback tokens
 * ({@code <0xNN>}).
 * <p>Thread safety: immutable; safe for concurrent use.
 */
public final class SentencePieceTokenizer extends GgufTokenizer {

    private static final char SPACE_MARK = '\u2581';

    /** Token id for each byte: its {@code <0xNN>} token, else the one-character token, else UNK (else -1). */
    private final int[] byteTokens = new int[256];

    public SentencePieceTokenizer(Vocabulary vocabulary) {
        super(vocabulary);
        for (int b = 0; b < 256; b++) {
            int id = vocabulary.id(String.format("<0x%02X>", b));
            if (id < 0 && b < 0x80) id = vocabulary.id(String.valueOf((char) b));
            byteTokens[b] = id >= 0 ? id : vocabulary.unk();
        }
    }

    @Override
    void encodeText(String fragment, boolean atBoundary, IntList out) {
        String text = (vocabulary.addSpacePrefix() && atBoundary ? " " + fragment : fragment)
                .replace(' ', SPACE_MARK);
        new Session(text).tokenize(out);
    }

    @Override
    byte[] normalPiece(String text) {
        return text.replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
    }

    private record Bigram(int left, int right, float score, int length) {
    }

    /** One tokenization: symbols (characters, then merged tokens) as a linked list over the text. */
    private final class Session {
        private final String text;
        private final int[] start;
        private final int[] length;
        private final int[] prev;
        private final int[] next;
        private final PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> {
            int byScore = Float.compare(b.score(), a.score());
            return byScore != 0 ? byScore : Integer.compare(a.left(), b.left());
        });

        Session(String text) {
            this.text = text;
            int n = text.codePointCount(0, text.length());
            start = new int[n];
            length = new int[n];
            prev = new int[n];
            next = new int[n];
            for (int i = 0, offset = 0; i < n; i++) {
                int chars = Character.charCount(text.codePointAt(offset));
                start[i] = offset;
                length[i] = chars;
                prev[i] = i - 1;
                next[i] = i + 1 < n ? i + 1 : -1;
                offset += chars;
            }
        }

        void tokenize(IntList out) {
            if (start.length == 0) return;
            for (int i = 1; i < start.length; i++) tryAddBigram(i - 1, i);
            while (!queue.isEmpty()) {
                Bigram bigram = queue.poll();
                int left = bigram.left();
                int right = bigram.right();
                // skip pairs one of whose symbols has changed since the pair was queued
                if (length[left] == 0 || length[right] == 0 || length[left] + length[right] != bigram.length()) {
                    continue;
                }
                length[left] += length[right];
                length[right] = 0;
                next[left] = next[right];
                if (next[right] >= 0) prev[next[right]] = left;
                tryAddBigram(prev[left], left);
                tryAddBigram(left, next[left]);
            }
            for (int i = 0; i != -1; i = next[i]) emit(i, out);
        }

        private void tryAddBigram(int left, int right) {
            if (left < 0 || right < 0) return;
            int id = vocabulary.id(text.substring(start[left], start[right] + length[right]));
            if (id < 0) return;
            queue.add(new Bigram(left, right, vocabulary.score(id), length[left] + length[right]));
        }

        private void emit(int symbol, IntList out) {
            String piece = text.substring(start[symbol], start[symbol] + length[symbol]);
            int id = vocabulary.id(piece);
            if (id >= 0) {
                out.add(id);
                return;
            }
            for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
                int byteToken = byteTokens[b & 0xFF];
                if (byteToken >= 0) out.add(byteToken);
            }
        }
    }
}
