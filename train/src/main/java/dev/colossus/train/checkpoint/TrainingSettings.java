package dev.colossus.train.checkpoint;

import dev.colossus.train.model.LlamaShape;

/**
 * Everything that decides a training run's numbers, besides its data and tokenizer: checkpoints keep it, and a
 * resumed run continues with it.
 *
 * @param shape           the model's hyper-parameters
 * @param context         tokens per training window, at most {@code shape.context()}
 * @param steps           length of the whole run (the learning-rate schedule's length)
 * @param batch           windows per step, over all ranks
 * @param learningRate    peak learning rate (cosine decay to a tenth of it)
 * @param warmup          steps of linear warmup
 * @param weightDecay     AdamW's decoupled weight decay (matrices only)
 * @param gradClip        largest global gradient norm, 0 for no clipping
 * @param seed            seed of the initial weights and of the data order
 * @param valFraction     share of the data held out for validation
 * @param evalEvery       steps between validation losses
 * @throws IllegalArgumentException naming the first value out of range
 */
public record TrainingSettings(LlamaShape shape, int context, int steps, int batch, double learningRate, int warmup,
                               float weightDecay, float gradClip, long seed, double valFraction, int evalEvery) {

    public TrainingSettings {
        if (context < 1 || context > shape.context()) {
            throw new IllegalArgumentException("--context must be between 1 and the model's context length "
                    + shape.context() + ", not " + context);
        }
        if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, not " + steps);
        if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, not " + batch);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be positive, not " + learningRate);
        }
        if (warmup < 0 || warmup > steps) {
            throw new IllegalArgumentException("--warmup must be between 0 and --steps (" + steps + "), not " + warmup);
        }
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("--weight-decay must not be negative");
        if (!(gradClip >= 0)) throw new IllegalArgumentException("--grad-clip must not be negative (0: no clipping)");
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("--val-fraction must be at least 0 and below 1, not " + valFraction);
        }
        if (evalEvery < 1) throw new IllegalArgumentException("evaluation interval must be at least 1");
    }
}
