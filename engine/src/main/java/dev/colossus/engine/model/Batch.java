package dev.colossus.engine.model;

/**
 * The rows of one forward pass: each row is a token at a position of some sequence (its {@link KvCache}). A prompt
 * prefill is many rows of one sequence at consecutive positions; a batched decode step is one row per sequence.
 * Rows of one sequence must be at increasing positions, and every earlier position of that sequence must already be
 * in its cache or in an earlier row of the batch. Rows can ask for their logits.
 * <p>Reusable: {@link #clear()} and refill, so a decode loop allocates nothing. Not thread-safe.
 */
public final class Batch {
    int size;
    int[] tokens;
    int[] positions;
    KvCache[] caches;
    int logitCount;
    int[] logitRows;

    public Batch(int capacity) {
        tokens = new int[Math.max(1, capacity)];
        positions = new int[tokens.length];
        caches = new KvCache[tokens.length];
        logitRows = new int[tokens.length];
    }

    public void clear() {
        size = 0;
        logitCount = 0;
        java.util.Arrays.fill(caches, null);
    }

    /**
     * Adds a row; returns the index of its logits in the forward pass's output when {@code wantLogits}, else -1.
     */
    public int add(KvCache cache, int position, int token, boolean wantLogits) {
        if (size == tokens.length) grow();
        tokens[size] = token;
        positions[size] = position;
        caches[size] = cache;
        int logitIndex = -1;
        if (wantLogits) {
            logitIndex = logitCount;
            logitRows[logitCount++] = size;
        }
        size++;
        return logitIndex;
    }

    public int size() {
        return size;
    }

    public int logitCount() {
        return logitCount;
    }

    private void grow() {
        int n = tokens.length * 2;
        tokens = java.util.Arrays.copyOf(tokens, n);
        positions = java.util.Arrays.copyOf(positions, n);
        caches = java.util.Arrays.copyOf(caches, n);
        logitRows = java.util.Arrays.copyOf(logitRows, n);
    }
}
