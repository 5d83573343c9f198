package dev.colossus.train.data;

/**
 * One training example: {@code context} input tokens and, for each position, the token the model should predict
 * there, or {@link #IGNORED} where there is nothing to learn (padding, or a token that is not a target).
 *
 * @param inputs  input token ids
 * @param targets next-token targets, {@link #IGNORED} for none
 */
public record Window(int[] inputs, int[] targets) {

    /** The target of a position that contributes nothing to the loss. */
    public static final int IGNORED = -1;

    /** Number of positions with a target. */
    public int targetCount() {
        int n = 0;
        for (int t : targets) if (t != IGNORED) n++;
        return n;
    }
}
