package dev.colossus.train.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Cross-entropy of one row of logits against a target token, and its gradient. Stateless. */
final class CrossEntropy {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private CrossEntropy() {
    }

    /**
     * Returns {@code logsumexp(logits) − logits[target]} for the row {@code logits[o .. o+vocab)} and overwrites the
     * row with its gradient {@code (softmax − onehot(target)) · gradScale}.
     */
    static double lossAndGradient(float[] logits, int o, int vocab, int target, float gradScale) {
        int i = 0;
        int bound = F.loopBound(vocab);
        FloatVector mv = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        for (; i < bound; i += F.length()) mv = mv.max(FloatVector.fromArray(F, logits, o + i));
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (; i < vocab; i++) max = Math.max(max, logits[o + i]);
        float targetLogit = logits[o + target];
        float sum = CausalAttention.expShifted(logits, o, vocab, 1f, max);
        float mul = gradScale / sum;
        i = 0;
        for (; i < bound; i += F.length()) FloatVector.fromArray(F, logits, o + i).mul(mul).intoArray(logits, o + i);
        for (; i < vocab; i++) logits[o + i] *= mul;
        logits[o + target] -= gradScale;
        return Math.log(sum) + max - targetLogit;
    }
}
