package dev.colossus.train.loop;

/** The loss became NaN or infinite: the weights are lost; a smaller learning rate usually helps. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
