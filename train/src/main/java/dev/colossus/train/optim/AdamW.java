package dev.colossus.train.optim;

import dev.colossus.train.model.Parameters;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * AdamW exactly as {@code torch.optim.AdamW} (without amsgrad): for step {@code t} (from 1), for every element,
 * <pre>
 *   p = p − lr·wd·p                  (matrices only: tensors of two or more dimensions)
 *   m = β1·m + (1−β1)·g
 *   v = β2·v + (1−β2)·g²
 *   p = p − lr/(1−β1^t) · m / (sqrt(v)/sqrt(1−β2^t) + eps)
 * </pre>
 * in float32, the bias corrections in double. The state ({@link #firstMoments()}, {@link #secondMoments()},
 * {@link #stepCount()}) is exposed for checkpoints and restored with {@link #restore}.
 * <p>Thread safety: not thread-safe.
 */
public final class AdamW {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    /**
     * The optimizer's constants.
     *
     * @param beta1       decay of the first moment, in [0, 1)
     * @param beta2       decay of the second moment, in [0, 1)
     * @param eps         added to the denominator, positive
     * @param weightDecay decoupled weight decay, non-negative
     */
    public record Settings(float beta1, float beta2, float eps, float weightDecay) {
        /** torch's defaults apart from β2: β1 0.9, β2 0.95, eps 1e-8, weight decay 0.1. */
        public static final Settings DEFAULT = new Settings(0.9f, 0.95f, 1e-8f, 0.1f);

        public Settings {
            if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
            if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
            if (!(eps > 0)) throw new IllegalArgumentException("eps must be positive, got " + eps);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be non-negative, got " + weightDecay);
        }
    }

    private final Settings settings;
    private final Parameters m;
    private final Parameters v;
    private long step;

    /** An optimizer with zero moments for parameters shaped like {@code like}. */
    public AdamW(Parameters like, Settings settings) {
        this.settings = settings;
        this.m = Parameters.zerosLike(like);
        this.v = Parameters.zerosLike(like);
    }

    public Settings settings() {
        return settings;
    }

    /** Steps taken so far (0 before the first). */
    public long stepCount() {
        return step;
    }

    /** The first moments (live: a checkpoint writes them, a restore may fill them). */
    public Parameters firstMoments() {
        return m;
    }

    /** The second moments (live). */
    public Parameters secondMoments() {
        return v;
    }

    /**
     * Restores a checkpointed state: copies the moments and sets the step count.
     *
     * @throws IllegalArgumentException when the moments are of another shape or {@code steps < 0}
     */
    public void restore(long steps, Parameters firstMoments, Parameters secondMoments) {
        if (steps < 0) throw new IllegalArgumentException("step count must be non-negative, got " + steps);
        m.copyFrom(firstMoments);
        v.copyFrom(secondMoments);
        step = steps;
    }

    /**
     * One update of {@code params} from {@code grads} with learning rate {@code lr}.
     *
     * @throws IllegalArgumentException when the shapes differ or {@code lr} is negative or not finite
     */
    public void step(Parameters params, Parameters grads, float lr) {
        if (!(lr >= 0) || !Float.isFinite(lr)) throw new IllegalArgumentException("learning rate must be non-negative, got " + lr);
        if (!params.sameLayout(m) || !grads.sameLayout(m)) {
            throw new IllegalArgumentException("parameters, gradients and optimizer state differ in shape");
        }
        step++;
        double bc1 = 1 - Math.pow(settings.beta1(), step);
        double bc2 = 1 - Math.pow(settings.beta2(), step);
        float stepSize = (float) (lr / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        for (int i = 0; i < params.tensors().size(); i++) {
            Parameters.Tensor p = params.tensors().get(i);
            float decay = p.isMatrix() ? 1f - lr * settings.weightDecay() : 1f;
            update(p.data(), grads.tensors().get(i).data(), m.tensors().get(i).data(), v.tensors().get(i).data(),
                    decay, stepSize, invSqrtBc2);
        }
    }

    private void update(float[] p, float[] g, float[] m, float[] v, float decay, float stepSize, float invSqrtBc2) {
        float b1 = settings.beta1(), b2 = settings.beta2(), eps = settings.eps();
        float c1 = 1f - b1, c2 = 1f - b2;
        int i = 0;
        for (int bound = F.loopBound(p.length); i < bound; i += F.length()) {
            FloatVector gv = FloatVector.fromArray(F, g, i);
            FloatVector mv = FloatVector.fromArray(F, m, i).mul(b1).add(gv.mul(c1));
            FloatVector vv = FloatVector.fromArray(F, v, i).mul(b2).add(gv.mul(gv).mul(c2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denom = vv.sqrt().mul(invSqrtBc2).add(eps);
            FloatVector pv = FloatVector.fromArray(F, p, i).mul(decay);
            pv.sub(mv.div(denom).mul(stepSize)).intoArray(p, i);
        }
        for (; i < p.length; i++) {
            float gi = g[i];
            m[i] = b1 * m[i] + c1 * gi;
            v[i] = b2 * v[i] + c2 * gi * gi;
            float denom = (float) Math.sqrt(v[i]) * invSqrtBc2 + eps;
            p[i] = p[i] * decay - stepSize * (m[i] / denom);
        }
    }
}
