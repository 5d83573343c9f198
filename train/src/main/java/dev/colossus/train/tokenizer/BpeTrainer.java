package dev.colossus.train.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Learns a byte-level BPE vocabulary from text, as GPT-2's tokenizer was made: the text is split into words by the
 * {@code gpt-2} pre-tokenizer, each word becomes its UTF-8 bytes, and the most frequent adjacent pair of symbols
 * (counted over all words, weighted by how often each word occurs) is merged into a new token, again and again.
 * <p>The vocabulary holds the control tokens {@code <s>} (id 0, BOS) and {@code </s>} (id 1, EOS), the 256 bytes
 * (ids 2..257, so every text can be tokenized), then one token per merge. Ties between equally frequent pairs go
 * to the pair of lower token ids, so the result depends only on the text. Merging stops at the requested size, or
 * earlier when no pair occurs twice.
 * <p>Cost: counting is linear in the text; each merge only revisits the words that contain its pair (a 10 MB
 * corpus trains a 4,096-token vocabulary in seconds).
 * <p>Thread safety: none; feed one trainer from one thread.
 */
public final class BpeTrainer {

    /** Tokens every vocabulary holds before any merge: BOS, EOS and the 256 bytes. */
    public static final int BASE_TOKENS = 258;
    private static final int FIRST_BYTE = 2;

    private final Map<String, long[]> wordCounts = new HashMap<>();

    /** Counts the words of {@code text}. */
    public BpeTrainer add(String text) {
        WordSplitter.split(text, word -> wordCounts.computeIfAbsent(word, w -> new long[1])[0]++);
        return this;
    }

    /**
     * Learns merges until the vocabulary has {@code vocabSize} tokens (or no pair occurs twice).
     *
     * @throws IllegalArgumentException when {@code vocabSize} is below {@value #BASE_TOKENS}
     */
    public BpeVocabulary train(int vocabSize) {
        if (vocabSize < BASE_TOKENS) {
            throw new IllegalArgumentException("a byte-level vocabulary needs at least " + BASE_TOKENS
                    + " tokens (2 special and 256 bytes), not " + vocabSize);
        }
        List<String> texts = new ArrayList<>(vocabSize);
        Map<String, Integer> ids = new HashMap<>();
        texts.add(BpeVocabulary.BOS_TEXT);
        texts.add(BpeVocabulary.EOS_TEXT);
        for (int b = 0; b < 256; b++) texts.add(String.valueOf(ByteAlphabet.of(b)));
        for (int i = 0; i < texts.size(); i++) ids.put(texts.get(i), i);

        Pairs pairs = new Pairs(wordCounts);
        List<String> merges = new ArrayList<>();
        long[] best;
        while (texts.size() < vocabSize && (best = pairs.mostFrequent()) != null) {
            int left = (int) (best[1] >>> 32);
            int right = (int) best[1];
            String text = texts.get(left) + texts.get(right);
            Integer id = ids.get(text);
            if (id == null) {
                id = texts.size();
                texts.add(text);
                ids.put(text, id);
            }
            merges.add(texts.get(left) + " " + texts.get(right));
            pairs.merge(best[1], id);
        }
        int[] types = new int[texts.size()];
        Arrays.fill(types, 1);
        types[0] = 3;
        types[1] = 3;
        return new BpeVocabulary(texts.toArray(String[]::new), types, merges.toArray(String[]::new), 0, 1);
    }

    /** The words as symbol sequences, the count of every adjacent pair, and which words hold each pair. */
    private static final class Pairs {
        private final int[][] words;
        private final long[] freq;
        private final Map<Long, Long> counts = new HashMap<>();
        private final Map<Long, IntList> holders = new HashMap<>();
        /** (count, pair) entries, most frequent first, then lowest pair; stale entries are skipped when polled. */
        private final PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> x[0] != y[0]
                ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));

        Pairs(Map<String, long[]> wordCounts) {
            words = new int[wordCounts.size()][];
            freq = new long[wordCounts.size()];
            int w = 0;
            for (Map.Entry<String, long[]> e : wordCounts.entrySet()) {
                byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
                int[] symbols = new int[bytes.length];
                for (int i = 0; i < bytes.length; i++) symbols[i] = FIRST_BYTE + (bytes[i] & 0xFF);
                words[w] = symbols;
                freq[w] = e.getValue()[0];
                for (int i = 1; i < symbols.length; i++) {
                    long pair = pair(symbols[i - 1], symbols[i]);
                    counts.merge(pair, freq[w], Long::sum);
                    hold(pair, w);
                }
                w++;
            }
            counts.forEach((pair, count) -> queue.add(new long[] {count, pair}));
        }

        private static long pair(int left, int right) {
            return ((long) left << 32) | (right & 0xFFFFFFFFL);
        }

        private void hold(long pair, int word) {
            IntList list = holders.computeIfAbsent(pair, p -> new IntList());
            if (list.size == 0 || list.values[list.size - 1] != word) list.add(word);
        }

        /** The most frequent pair as {count, pair}, or null when none occurs at least twice. */
        long[] mostFrequent() {
            while (!queue.isEmpty()) {
                long[] top = queue.poll();
                Long count = counts.get(top[1]);
                if (count == null || count != top[0]) continue;
                return count >= 2 ? top : null;
            }
            return null;
        }

        /** Replaces every occurrence of {@code pair} (left to right, not overlapping) by the symbol {@code merged}. */
        void merge(long pair, int merged) {
            int left = (int) (pair >>> 32);
            int right = (int) pair;
            Map<Long, Long> delta = new HashMap<>();
            IntList holding = holders.remove(pair);
            for (int k = 0; k < holding.size; k++) {
                int w = holding.values[k];
                int[] symbols = words[w];
                if (!contains(symbols, left, right)) continue;
                for (int i = 1; i < symbols.length; i++) delta.merge(pair(symbols[i - 1], symbols[i]), -freq[w], Long::sum);
                int[] out = new int[symbols.length];
                int n = 0;
                for (int i = 0; i < symbols.length; i++) {
                    if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                        out[n++] = merged;
                        i++;
                    } else {
                        out[n++] = symbols[i];
                    }
                }
                symbols = Arrays.copyOf(out, n);
                words[w] = symbols;
                for (int i = 1; i < n; i++) {
                    long p = pair(symbols[i - 1], symbols[i]);
                    delta.merge(p, freq[w], Long::sum);
                    if (symbols[i - 1] == merged || symbols[i] == merged) hold(p, w);
                }
            }
            counts.remove(pair);
            delta.forEach((p, d) -> {
                if (d == 0 || p == pair) return;
                long count = counts.merge(p, d, Long::sum);
                if (count <= 0) {
                    counts.remove(p);
                } else {
                    queue.add(new long[] {count, p});
                }
            });
        }

        private static boolean contains(int[] symbols, int left, int right) {
            for (int i = 1; i < symbols.length; i++) if (symbols[i - 1] == left && symbols[i] == right) return true;
            return false;
        }
    }

    /** A growable list of ints. */
    private static final class IntList {
        int[] values = new int[4];
        int size;

        void add(int v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }
    }
}
