package dev.colossus.train.model;

/**
 * Told by {@link LlamaTrainingModel#forwardBackward(int[], int[], int, int, LlamaWeights, GradientsReady)} when the
 * gradients of a {@link ModelPart} are final for the pass: nothing later in the pass adds to them, so a
 * data-parallel trainer can start summing them over its ranks while the pass goes on with earlier layers. Called on
 * the thread that runs the pass, once per part, in {@link ModelPart#backwardOrder} order; not called at all when
 * the pass has no target to learn from (then no gradient is added).
 */
@FunctionalInterface
public interface GradientsReady {
    /** Tells nothing. */
    GradientsReady NONE = part -> {};

    void ready(ModelPart part);
}
