package dev.colossus.train.checkpoint;

import java.util.Arrays;

/**
 * The losses of a run so far: the training loss of every step and the validation losses, each with its step
 * (1-based: the loss of step {@code s} is measured before the weights are updated by it; a validation loss at step
 * {@code s} is measured after {@code s} updates). Checkpoints keep it, so the curve of a run done in slices is whole.
 * <p>Thread safety: none.
 */
public final class LossHistory {
    private final Series train;
    private final Series validation;

    /** An empty history. */
    public LossHistory() {
        this(new int[0], new float[0], new int[0], new float[0]);
    }

    /**
     * A history with these points.
     *
     * @throws IllegalArgumentException when steps and losses differ in number
     */
    public LossHistory(int[] trainSteps, float[] trainLosses, int[] valSteps, float[] valLosses) {
        if (trainSteps.length != trainLosses.length || valSteps.length != valLosses.length) {
            throw new IllegalArgumentException("steps and losses differ in number");
        }
        this.train = new Series(trainSteps, trainLosses);
        this.validation = new Series(valSteps, valLosses);
    }

    public void addTrain(int step, float loss) {
        train.add(step, loss);
    }

    public void addValidation(int step, float loss) {
        validation.add(step, loss);
    }

    public int[] trainSteps() {
        return train.steps();
    }

    public float[] trainLosses() {
        return train.losses();
    }

    public int[] validationSteps() {
        return validation.steps();
    }

    public float[] validationLosses() {
        return validation.losses();
    }

    /** The latest validation loss, or NaN when there is none. */
    public float lastValidation() {
        return validation.count == 0 ? Float.NaN : validation.losses[validation.count - 1];
    }

    /** Growable pairs of step and loss. */
    private static final class Series {
        private int[] steps;
        private float[] losses;
        private int count;

        Series(int[] steps, float[] losses) {
            this.steps = steps.clone();
            this.losses = losses.clone();
            this.count = steps.length;
        }

        void add(int step, float loss) {
            if (count == steps.length) {
                steps = Arrays.copyOf(steps, Math.max(16, count * 2));
                losses = Arrays.copyOf(losses, steps.length);
            }
            steps[count] = step;
            losses[count++] = loss;
        }

        int[] steps() {
            return Arrays.copyOf(steps, count);
        }

        float[] losses() {
            return Arrays.copyOf(losses, count);
        }
    }
}
