package dev.colossus.train.data;

import dev.colossus.engine.tokenizer.Tokenizer;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A tokenized corpus: one stream of tokens, which of them are training targets, and where training windows may
 * start.
 * <p>Text corpora are packed: every document is {@code BOS text EOS}, all are concatenated, every token is a target
 * and a window may start anywhere. Chat corpora keep their sequences: a window starts at a sequence's first token,
 * and only the tokens the sequence marks are targets.
 *
 * @param tokens  the stream
 * @param trained which tokens are targets, or null for all
 * @param starts  positions where windows start, ascending, or null for any position
 * @param pad     the token that fills a window running past the end of its part of the data (never a target)
 */
public record TokenData(int[] tokens, boolean[] trained, int[] starts, int pad) {

    public TokenData {
        if (trained != null && trained.length != tokens.length) {
            throw new IllegalArgumentException("mask and tokens differ in length");
        }
    }

    /**
     * Tokenizes every document of {@code source} as {@code BOS text EOS} (BOS or EOS left out when the vocabulary
     * has none), special-token texts in documents taken as plain text.
     *
     * @param progress told how many documents are done, after each
     */
    public static TokenData tokenize(TextSource source, Tokenizer tokenizer, IntConsumer progress) throws IOException {
        IntBuffer out = new IntBuffer();
        int[] documents = {0};
        source.forEach(text -> {
            if (tokenizer.bos() >= 0) out.add(tokenizer.bos());
            out.addAll(tokenizer.encode(text, false, false));
            if (tokenizer.eos() >= 0) out.add(tokenizer.eos());
            progress.accept(++documents[0]);
        });
        int pad = tokenizer.eos() >= 0 ? tokenizer.eos() : 0;
        return new TokenData(out.toArray(), null, null, pad);
    }

    /** The sequences one after the other; windows start at their first tokens. */
    public static TokenData of(List<TrainingSequence> sequences, int pad) {
        IntBuffer tokens = new IntBuffer();
        int total = sequences.stream().mapToInt(s -> s.tokens().length).sum();
        boolean[] trained = new boolean[total];
        int[] starts = new int[sequences.size()];
        int at = 0;
        for (int i = 0; i < sequences.size(); i++) {
            TrainingSequence s = sequences.get(i);
            starts[i] = at;
            tokens.addAll(s.tokens());
            System.arraycopy(s.trained(), 0, trained, at, s.tokens().length);
            at += s.tokens().length;
        }
        return new TokenData(tokens.toArray(), trained, starts, pad);
    }

    public int size() {
        return tokens.length;
    }

    /** Whether token {@code i} is a training target. */
    public boolean isTarget(int i) {
        return trained == null || trained[i];
    }

    /** A 64-bit digest of tokens, mask and starts: a resumed run checks that it reads the same data. */
    public long fingerprint() {
        long h = 0x9E3779B97F4A7C15L ^ tokens.length;
        for (int i = 0; i < tokens.length; i++) h = Hashes.mix(h + tokens[i] * 2L + (isTarget(i) ? 1 : 0));
        if (starts != null) for (int s : starts) h = Hashes.mix(h ^ s);
        return h;
    }

    /** A growable int array. */
    private static final class IntBuffer {
        private int[] values = new int[1 << 12];
        private int size;

        void add(int v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        void addAll(int[] vs) {
            if (size + vs.length > values.length) values = Arrays.copyOf(values, Math.max(size * 2, size + vs.length));
            System.arraycopy(vs, 0, values, size, vs.length);
            size += vs.length;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
