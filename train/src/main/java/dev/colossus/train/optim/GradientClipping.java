package dev.colossus.train.optim;

import dev.colossus.train.model.Parameters;

/** The global L2 norm of gradients and clipping by it, as {@code torch.nn.utils.clip_grad_norm_}. Stateless. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** The L2 norm over all elements of all tensors, accumulated in double. */
    public static double globalNorm(Parameters grads) {
        double s = 0;
        for (Parameters.Tensor t : grads.tensors()) s += t.squaredNorm();
        return Math.sqrt(s);
    }

    /**
     * Scales every gradient by {@code maxNorm / (norm + 1e-6)} when that is below 1, and returns the norm before
     * clipping (non-finite when a gradient is; then nothing is scaled).
     *
     * @throws IllegalArgumentException when {@code maxNorm} is not positive
     */
    public static double clip(Parameters grads, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("maximum gradient norm must be positive, got " + maxNorm);
        double norm = globalNorm(grads);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1 && Double.isFinite(norm)) {
            float c = (float) coef;
            for (Parameters.Tensor t : grads.tensors()) {
                float[] d = t.data();
                for (int i = 0; i < d.length; i++) d[i] *= c;
            }
        }
        return norm;
    }
}
