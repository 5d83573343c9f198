package dev.colossus.train.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts training and validation windows out of a {@link TokenData}.
 * <p>The last {@code valFraction} of the tokens is held out for validation (moved forward to the next window start
 * for data with fixed starts). Training window {@code index} of step {@code step} starts at a position chosen by a
 * hash of {@code (seed, step, index)}: the data order is a function of those three numbers alone, so a run resumed
 * at any step reads exactly what an uninterrupted run reads, and ranks that split a batch by index need not talk.
 * Validation windows are fixed: consecutive windows from the start of the held-out part.
 * <p>Thread safety: immutable.
 */
public final class WindowSampler {

    private final TokenData data;
    private final int context;
    private final long seed;
    private final int boundary;
    /** Training window starts, for data with fixed starts. */
    private final int[] trainStarts;
    private final int[] validationStarts;

    /**
     * @param context     tokens per window (the model sees {@code context} inputs and predicts as many targets)
     * @param valFraction share of the data held out, {@code 0 <= valFraction < 1}
     * @throws IllegalArgumentException when the arguments are out of range
     */
    public WindowSampler(TokenData data, int context, double valFraction, long seed) {
        if (context < 1) throw new IllegalArgumentException("context must be positive");
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be at least 0 and below 1, not "
                    + valFraction);
        }
        this.data = data;
        this.context = context;
        this.seed = seed;
        int n = data.size();
        int tail = (int) Math.min(n, Math.round(n * valFraction));
        int cut = n - tail;
        if (data.starts() == null) {
            boundary = cut;
            trainStarts = null;
            List<Integer> val = new ArrayList<>();
            for (int s = boundary; tail > 0 && s + 1 < n; s += context) val.add(s);
            validationStarts = val.stream().mapToInt(Integer::intValue).toArray();
        } else {
            int[] starts = data.starts();
            int firstVal = tail == 0 ? starts.length : Math.max(1, lowerBound(starts, cut));
            boundary = firstVal < starts.length ? starts[firstVal] : n;
            trainStarts = Arrays.copyOf(starts, firstVal);
            validationStarts = Arrays.copyOfRange(starts, firstVal, starts.length);
        }
    }

    private static int lowerBound(int[] sorted, int key) {
        int i = Arrays.binarySearch(sorted, key);
        return i >= 0 ? i : -i - 1;
    }

    /** Tokens in the training part. */
    public int trainTokens() {
        return boundary;
    }

    /** Tokens in the validation part. */
    public int validationTokens() {
        return data.size() - boundary;
    }

    /**
     * Checks that the training part can fill a batch of {@code batch} windows.
     *
     * @throws IllegalArgumentException with a message for the user when it cannot
     */
    public void requireBatch(int batch) {
        if (trainStarts == null) {
            long needed = (long) batch * context + 1;
            if (boundary < needed) {
                throw new IllegalArgumentException("the training data has " + boundary + " tokens, fewer than one batch ("
                        + batch + " windows of " + context + " tokens needs " + needed
                        + "); use more data, a smaller --batch or --context, or a smaller --val-fraction");
            }
        } else if (trainStarts.length < batch) {
            throw new IllegalArgumentException("the training data has " + trainStarts.length
                    + " sequences, fewer than one batch of " + batch + "; use more data or a smaller --batch");
        }
    }

    /** Training window {@code index} of step {@code step}. */
    public Window train(long step, int index) {
        long h = Hashes.of(seed, step, index);
        int start;
        if (trainStarts == null) {
            int positions = Math.max(1, boundary - context);
            start = (int) Math.floorMod(h, (long) positions);
        } else {
            start = trainStarts[(int) Math.floorMod(h, (long) trainStarts.length)];
        }
        return window(start, boundary);
    }

    /** The first {@code max} validation windows (fewer when the held-out part is shorter); empty without one. */
    public List<Window> validation(int max) {
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < validationStarts.length && windows.size() < max; i++) {
            Window w = window(validationStarts[i], data.size());
            if (w.targetCount() > 0) windows.add(w);
        }
        return windows;
    }

    /** {@code context} inputs from {@code start} and their next tokens, padded at {@code limit}. */
    private Window window(int start, int limit) {
        int[] inputs = new int[context];
        int[] targets = new int[context];
        int[] tokens = data.tokens();
        for (int i = 0; i < context; i++) {
            int p = start + i;
            inputs[i] = p < limit ? tokens[p] : data.pad();
            targets[i] = p + 1 < limit && data.isTarget(p + 1) ? tokens[p + 1] : Window.IGNORED;
        }
        return new Window(inputs, targets);
    }
}
