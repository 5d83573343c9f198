package dev.colossus.engine;

import java.util.List;

/**
 * A generated token's natural-log probability under the model's distribution for that step (the softmax of the raw
 * logits: before temperature, penalties, top-k/top-p and any grammar), with the most likely tokens of that step.
 *
 * @param top the most likely tokens, most likely first (as many as the request asked for; may include this token)
 */
public record TokenLogprob(int token, float logprob, List<Alternative> top) {

    public TokenLogprob {
        top = List.copyOf(top);
    }

    /** One of the most likely tokens of a step. */
    public record Alternative(int token, float logprob) {
    }

    /**
     * The log-probability of {@code token} among {@code logits[offset .. offset + vocab)}, with the {@code top} most
     * likely tokens.
     */
    static TokenLogprob of(float[] logits, int offset, int vocab, int token, int top) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) max = Math.max(max, logits[offset + i]);
        double sum = 0;
        for (int i = 0; i < vocab; i++) sum += Math.exp(logits[offset + i] - max);
        float logZ = (float) (max + Math.log(sum));
        // the top tokens by a partial selection: vocabularies are large, top is at most 20
        int[] best = new int[top];
        int count = 0;
        for (int i = 0; i < vocab; i++) {
            float l = logits[offset + i];
            if (count < top) {
                int at = count++;
                while (at > 0 && logits[offset + best[at - 1]] < l) best[at] = best[--at];
                best[at] = i;
            } else if (top > 0 && l > logits[offset + best[top - 1]]) {
                int at = top - 1;
                while (at > 0 && logits[offset + best[at - 1]] < l) best[at] = best[--at];
                best[at] = i;
            }
        }
        Alternative[] alternatives = new Alternative[count];
        for (int i = 0; i < count; i++) alternatives[i] = new Alternative(best[i], logits[offset + best[i]] - logZ);
        return new TokenLogprob(token, logits[offset + token] - logZ, List.of(alternatives));
    }
}
