package dev.colossus.train.loop;

/**
 * How a call to {@link Trainer#run} ended.
 *
 * @param step           steps done in all (this call's and earlier ones')
 * @param loss           training loss of the last step done, NaN when none was ever done
 * @param valLoss        validation loss at the end, NaN without validation data
 * @param tokensPerSecond tokens trained per second in this call (all ranks), 0 when it did no step
 */
public record TrainingResult(int step, float loss, float valLoss, double tokensPerSecond) {
}
