package dev.colossus.train.optim;

/**
 * Linear warmup from {@code maxLr / warmupSteps} to {@code maxLr} over the first {@code warmupSteps} steps, then
 * cosine decay to {@code minLr} at the last step ({@code totalSteps − 1}).
 *
 * @param maxLr       peak learning rate, positive
 * @param minLr       final learning rate, in [0, maxLr] (e.g. 10% of the peak: {@link #withTenPercentFloor})
 * @param warmupSteps steps of linear warmup, in [0, totalSteps]
 * @param totalSteps  steps of the whole run, positive
 */
public record LearningRateSchedule(double maxLr, double minLr, int warmupSteps, int totalSteps) {

    public LearningRateSchedule {
        if (!(maxLr > 0) || !Double.isFinite(maxLr)) throw new IllegalArgumentException("learning rate must be positive, got " + maxLr);
        if (!(minLr >= 0 && minLr <= maxLr)) {
            throw new IllegalArgumentException("minimum learning rate must be in [0, " + maxLr + "], got " + minLr);
        }
        if (totalSteps < 1) throw new IllegalArgumentException("steps must be positive, got " + totalSteps);
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warmup steps must be in [0, " + totalSteps + "], got " + warmupSteps);
        }
    }

    /** A schedule decaying to 10% of {@code maxLr}. */
    public static LearningRateSchedule withTenPercentFloor(double maxLr, int warmupSteps, int totalSteps) {
        return new LearningRateSchedule(maxLr, maxLr / 10, warmupSteps, totalSteps);
    }

    /** The learning rate of step {@code step} (0-based); steps past the end get {@code minLr}. */
    public float at(int step) {
        if (step < 0) throw new IllegalArgumentException("step must be non-negative, got " + step);
        if (step < warmupSteps) return (float) (maxLr * (step + 1) / warmupSteps);
        int decaySteps = totalSteps - warmupSteps;
        double progress = decaySteps <= 1 ? 1.0 : Math.min(1.0, (double) (step - warmupSteps) / (decaySteps - 1));
        return (float) (minLr + 0.5 * (maxLr - minLr) * (1 + Math.cos(Math.PI * progress)));
    }
}
