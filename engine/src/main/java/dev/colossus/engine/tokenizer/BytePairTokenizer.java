package dev.colossus.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Byte-level BPE ({@code tokenizer.ggml.model = gpt2}), as llama.cpp's {@code llm_tokenizer_bpe}: the pre-tokenizer
 * splits the text into words, each word's UTF-8 bytes are mapped to GPT-2's byte alphabet, and within a word the
 * adjacent pair with the lowest merge rank ({@code tokenizer.ggml.merges} order) is merged until no pair has a rank
 * (ties: leftmost).
 * <p>Thread safety: immutable; safe for concurrent use.
 */
public final class BytePairTokenizer extends GgufTokenizer {

    private final PreTokenizer preTokenizer;
    private final boolean ignoreMerges;
    /** Rank of each merge, keyed {@code "left right"}; the first of duplicate merges counts. */
    private final Map<String, Integer> ranks;

    /**
     * @param merges       merge rules {@code "left right"} in rank order (GGUF {@code tokenizer.ggml.merges})
     * @param ignoreMerges a word that is a token as a whole becomes that token without merging (llama.cpp does this
     *                     for the Llama 3 pre-tokenizer)
     */
    BytePairTokenizer(Vocabulary vocabulary, String[] merges, PreTokenizer preTokenizer, boolean ignoreMerges) {
        super(vocabulary);
        this.preTokenizer = Objects.requireNonNull(preTokenizer, "preTokenizer");
        this.ignoreMerges = ignoreMerges;
        this.ranks = HashMap.newHashMap(merges.length);
        for (int rank = 0; rank < merges.length; rank++) {
            String merge = merges[rank];
            int space = merge == null ? -1 : merge.indexOf(' ', 1);
            if (space > 0) ranks.putIfAbsent(merge, rank);
        }
    }

    @Override
    void encodeText(String text, boolean atBoundary, IntList out) {
        int[] cps = CodePoints.of(text);
        PreTokenizer.Words words = preTokenizer.split(cps);
        for (int w = 0; w < words.count(); w++) {
            int from = words.start(w);
            byte[] utf8 = new String(cps, from, words.end(w) - from).getBytes(StandardCharsets.UTF_8);
            encodeWord(ByteLevel.encode(utf8, 0, utf8.length), out);
        }
    }

    private void encodeWord(String word, IntList out) {
        if (ignoreMerges || word.length() == 1) {
            int id = vocabulary.id(word);
            if (id >= 0) {
                out.add(id);
                return;
            }
        }
        new Session(word).tokenize(out);
    }

    @Override
    byte[] normalPiece(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        text.codePoints().forEach(cp -> {
            int b = ByteLevel.decode(cp);
            if (b >= 0) {
                bytes.write(b);
            } else {
                // what llama.cpp writes for a code point outside the byte alphabet
                StringBuilder unknown = new StringBuilder("[UNK_BYTE_0x");
                for (byte u : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                    unknown.append(String.format("%02x", u & 0xFF));
                }
                bytes.writeBytes(unknown.append(text).append(']').toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        return bytes.toByteArray();
    }

    private record Bigram(int left, int right, int rank, int length) {
    }

    /** One word's merges: symbols (byte-level characters, then merged tokens) as a linked list over the word. */
    private final class Session {
        private final String word;
        private final int[] length;
        private final int[] prev;
        private final int[] next;
        private final PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> {
            int byRank = Integer.compare(a.rank(), b.rank());
            return byRank != 0 ? byRank : Integer.compare(a.left(), b.left());
        });

        Session(String word) {
            // byte-level characters are all in the BMP: symbol i starts at char i
            this.word = word;
            int n = word.length();
            length = new int[n];
            prev = new int[n];
            next = new int[n];
            for (int i = 0; i < n; i++) {
                length[i] = 1;
                prev[i] = i - 1;
                next[i] = i + 1 < n ? i + 1 : -1;
            }
        }

        void tokenize(IntList out) {
            if (word.isEmpty()) return;
            for (int i = 1; i < length.length; i++) tryAddBigram(i - 1, i);
            while (!queue.isEmpty()) {
                Bigram bigram = queue.poll();
                int left = bigram.left();
                int right = bigram.right();
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
            for (int i = 0; i != -1; i = next[i]) emit(word.substring(i, i + length[i]), out);
        }

        private void tryAddBigram(int left, int right) {
            if (left < 0 || right < 0) return;
            String key = word.substring(left, left + length[left]) + ' ' + word.substring(right, right + length[right]);
            Integer rank = ranks.get(key);
            if (rank != null) queue.add(new Bigram(left, right, rank, length[left] + length[right]));
        }

        private void emit(String symbol, IntList out) {
            int id = vocabulary.id(symbol);
            if (id >= 0) {
                out.add(id);
                return;
            }
            // llama.cpp then looks each UTF-8 byte up as a one-byte token: only ASCII bytes can be one
            for (int i = 0; i < symbol.length(); i++) {
                char c = symbol.charAt(i);
                int single = c < 0x80 ? vocabulary.id(String.valueOf(c)) : -1;
                if (single >= 0) out.add(single);
            }
        }
    }
}
