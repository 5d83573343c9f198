package dev.colossus.train.loop;

/**
 * What a training run reports as it goes, for a progress display or a log. Only rank 0's listener is called. Calls
 * come from the training thread; a slow listener slows training.
 */
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Step {@code step} (1-based) of {@code steps} is done.
     *
     * @param loss         its training loss (mean over the batch's targets, before the update)
     * @param learningRate the rate it used
     * @param gradNorm     the global gradient norm before clipping
     */
    default void stepDone(int step, int steps, float loss, float learningRate, double gradNorm) {
    }

    /** The validation loss after {@code step} steps. */
    default void validated(int step, float loss) {
    }

    /** A checkpoint of {@code step} steps was written. */
    default void checkpointed(int step) {
    }
}
