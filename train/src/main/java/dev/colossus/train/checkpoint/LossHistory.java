package dev.colossus.train.checkpoint;

import java.util.Arrays;

/**
 * The losses of a run so far: the training loss of every step and the validation losses, each with its step
 * (1-based: the loss of step {@code s} is measured before the weights are updated by it; a validation loss at step
 * {@code s} is measured after {@code s} updates). Checkpoints keep it, so the curve of a run done in slices is whole.
 * <p>Thread safety: none.
 */
public final class LossHistory {
    private int[] trainSteps;
    private float[] trainLosses;
    private int trainCount;
    private int[] valSteps;
    private float[] valLosses;
    private int valCount;

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
        this.trainSteps = trainSteps.clone();
        this.trainLosses = trainLosses.clone();
        this.trainCount = trainSteps.length;
        this.valSteps = valSteps.clone();
        this.valLosses = valLosses.clone();
        this.valCount = valSteps.length;
    }

    public void addTrain(int step, float loss) {
        if (trainCount == trainSteps.length) {
            trainSteps = Arrays.copyOf(trainSteps, Math.max(16, trainCount * 2));
            trainLosses = Arrays.copyOf(trainLosses, trainSteps.length);
        }
        trainSteps[trainCount] = step;
        trainLosses[trainCount++] = loss;
    }

    public void addValidation(int step, float loss) {
        if (valCount == valSteps.length) {
            valSteps = Arrays.copyOf(valSteps, Math.max(16, valCount * 2));
            valLosses = Arrays.copyOf(valLosses, valSteps.length);
        }
        valSteps[valCount] = step;
        valLosses[valCount++] = loss;
    }

    public int[] trainSteps() {
        return Arrays.copyOf(trainSteps, trainCount);
    }

    public float[] trainLosses() {
        return Arrays.copyOf(trainLosses, trainCount);
    }

    public int[] validationSteps() {
        return Arrays.copyOf(valSteps, valCount);
    }

    public float[] validationLosses() {
        return Arrays.copyOf(valLosses, valCount);
    }

    /** The latest validation loss, or NaN when there is none. */
    public float lastValidation() {
        return valCount == 0 ? Float.NaN : valLosses[valCount - 1];
    }
}
