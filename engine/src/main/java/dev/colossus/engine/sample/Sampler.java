package dev.colossus.engine.sample;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Chooses tokens from logits by {@link SamplingParams}: repetition penalty, then greedy or
 * temperature → top-k → softmax → min-p → top-p → a draw from a seeded generator.
 * <p>Not thread-safe: one sampler per generation. Preallocates its buffers, so sampling allocates nothing.
 */
public final class Sampler {
    private final SamplingParams params;
    private final SplittableRandom random;
    private final int[] candidates;
    private final float[] probs;
    private final int[] recent;
    private long[] sortKeys;
    /** How many of {@code candidates} (with {@code probs}) the last draw chose among; 0 after a greedy one. */
    private int drawnAmong;
    private int recentCount;
    private int recentNext;

    public Sampler(SamplingParams params, int vocabSize) {
        this.params = params;
        this.random = new SplittableRandom(params.seed());
        this.candidates = new int[vocabSize];
        this.probs = new float[vocabSize];
        this.recent = new int[params.repetitionWindow()];
    }

    /** Whether this sampler always takes the most likely token (temperature 0). */
    public boolean greedy() {
        return params.temperature() == 0f;
    }

    /** Records a token (prompt or generated) for the repetition penalty. */
    public void accept(int token) {
        if (recent.length == 0) return;
        recent[recentNext] = token;
        recentNext = (recentNext + 1) % recent.length;
        recentCount = Math.min(recentCount + 1, recent.length);
    }

    /** The next token for {@code logits[offset .. offset + vocab)}; the penalty modifies those logits in place. */
    public int sample(float[] logits, int offset) {
        int vocab = candidates.length;
        if (params.repetitionPenalty() != 1f) {
            for (int i = 0; i < recentCount; i++) {
                int t = recent[i];
                boolean seen = false; // penalise each distinct token once
                for (int j = 0; j < i; j++) if (recent[j] == t) seen = true;
                if (seen || t < 0 || t >= vocab) continue;
                float l = logits[offset + t];
                logits[offset + t] = l > 0 ? l / params.repetitionPenalty() : l * params.repetitionPenalty();
            }
        }
        return choose(logits, offset);
    }

    /**
     * Like {@link #sample} but without applying the repetition penalty: for drawing again from logits that were
     * already penalised (for example after masking a refused token).
     */
    public int resample(float[] logits, int offset) {
        return choose(logits, offset);
    }

    /**
     * Draws again among the tokens the last {@link #sample} or {@link #resample} chose among (those top-k, min-p
     * and top-p kept), keeping only those {@code allowed} accepts, by their probabilities; -1 when it accepts none
     * of them, or the last draw was greedy. Costs one test per kept token, no pass over the vocabulary: how a
     * grammar that refused the first draw picks among the likely tokens it can take.
     */
    public int redrawAmong(IntPredicate allowed) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < drawnAmong; i++) {
            if (!allowed.test(candidates[i])) continue;
            candidates[n] = candidates[i];
            probs[n++] = probs[i];
            sum += probs[i];
        }
        drawnAmong = 0;
        if (n == 0) return -1;
        double r = random.nextDouble() * sum;
        for (int i = 0; i < n; i++) {
            r -= probs[i];
            if (r < 0) return candidates[i];
        }
        return candidates[n - 1];
    }

    /**
     * Draws as {@link #resample} does, but only among the {@code ids} (a grammar's allowed tokens): costs in
     * proportion to their number, not the vocabulary's. The logits are not penalised again.
     *
     * @throws IllegalArgumentException when {@code ids} is empty
     */
    public int sampleAmong(float[] logits, int offset, int[] ids) {
        if (ids.length == 0) throw new IllegalArgumentException("no token to choose among");
        return choose(logits, offset, ids, ids.length);
    }

    private int choose(float[] logits, int offset) {
        return choose(logits, offset, null, candidates.length);
    }

    /** Draws among {@code ids[0 .. count)}, or all tokens when {@code ids} is null. */
    private int choose(float[] logits, int offset, int[] ids, int count) {
        drawnAmong = 0;
        if (params.temperature() == 0f) {
            if (ids == null) return argmax(logits, offset, count);
            int best = ids[0];
            for (int j = 1; j < count; j++) {
                int i = ids[j];
                if (logits[offset + i] > logits[offset + best] || (logits[offset + i] == logits[offset + best] && i < best)) {
                    best = i;
                }
            }
            return best;
        }

        int n = topK(logits, offset, ids, count);
        float max = logits[offset + candidates[0]];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float p = (float) Math.exp((logits[offset + candidates[i]] - max) / params.temperature());
            probs[i] = p;
            sum += p;
        }
        // min-p: relative to the most likely token, whose unnormalised probability is 1
        if (params.minP() > 0) {
            int kept = 1;
            while (kept < n && probs[kept] >= params.minP()) kept++;
            for (int i = kept; i < n; i++) sum -= probs[i];
            n = kept;
        }
        if (params.topP() < 1f) {
            double cumulative = 0;
            int kept = 0;
            while (kept < n) {
                cumulative += probs[kept++] / sum;
                if (cumulative >= params.topP()) break;
            }
            sum = 0;
            for (int i = 0; i < kept; i++) sum += probs[i];
            n = kept;
        }
        drawnAmong = n;
        double r = random.nextDouble() * sum;
        for (int i = 0; i < n; i++) {
            r -= probs[i];
            if (r < 0) return candidates[i];
        }
        return candidates[n - 1];
    }

    /** Index of the largest value (the lowest index among equals). */
    public static int argmax(float[] logits, int offset, int n) {
        int best = 0;
        float bestValue = logits[offset];
        for (int i = 1; i < n; i++) {
            if (logits[offset + i] > bestValue) {
                bestValue = logits[offset + i];
                best = i;
            }
        }
        return best;
    }

    /**
     * Puts the top-k token ids (all when k is 0) of {@code ids[0 .. count)} (of all tokens when {@code ids} is null),
     * most likely first, into {@code candidates}; returns how many.
     */
    private int topK(float[] logits, int offset, int[] ids, int count) {
        int k = params.topK() == 0 ? count : Math.min(params.topK(), count);
        if (k == count) {
            // sort the ids by logit without boxing: (logit, id) pairs packed into longs
            if (sortKeys == null) sortKeys = new long[candidates.length];
            long[] keys = sortKeys;
            for (int j = 0; j < count; j++) {
                int i = ids == null ? j : ids[j];
                keys[j] = sortKey(logits[offset + i], i);
            }
            Arrays.sort(keys, 0, count);
            for (int j = 0; j < count; j++) candidates[j] = (int) (keys[j] & 0xffffffffL);
            return count;
        }
        // a min-heap of the k best ids (root = worst kept)
        int size = 0;
        for (int j = 0; j < count; j++) {
            int i = ids == null ? j : ids[j];
            float l = logits[offset + i];
            if (size < k) {
                candidates[size] = i;
                siftUp(logits, offset, size++);
            } else if (l > logits[offset + candidates[0]]) {
                candidates[0] = i;
                siftDown(logits, offset, 0, size);
            }
        }
        // heap sort in place: repeatedly move the worst to the end → descending order
        for (int end = size - 1; end > 0; end--) {
            int t = candidates[0];
            candidates[0] = candidates[end];
            candidates[end] = t;
            siftDown(logits, offset, 0, end);
        }
        return size;
    }

    /** Ascending order of this key = descending logit, then ascending id. */
    private static long sortKey(float logit, int id) {
        int bits = Float.floatToIntBits(logit);
        int ordered = bits >= 0 ? bits : bits ^ 0x7fffffff; // monotonic int image of the float
        return ((long) ~ordered << 32) | id;
    }

    private boolean worse(float[] logits, int offset, int a, int b) {
        float la = logits[offset + a], lb = logits[offset + b];
        return la < lb || (la == lb && a > b);
    }

    private void siftUp(float[] logits, int offset, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(logits, offset, candidates[i], candidates[parent])) break;
            int t = candidates[i];
            candidates[i] = candidates[parent];
            candidates[parent] = t;
            i = parent;
        }
    }

    private void siftDown(float[] logits, int offset, int i, int size) {
        while (true) {
            int l = 2 * i + 1, r = l + 1, worst = i;
            if (l < size && worse(logits, offset, candidates[l], candidates[worst])) worst = l;
            if (r < size && worse(logits, offset, candidates[r], candidates[worst])) worst = r;
            if (worst == i) return;
            int t = candidates[i];
            candidates[i] = candidates[worst];
            candidates[worst] = t;
            i = worst;
        }
    }
}
