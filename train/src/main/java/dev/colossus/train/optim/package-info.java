/**
 * Optimisation: {@link dev.colossus.train.optim.AdamW} (as {@code torch.optim.AdamW}),
 * {@link dev.colossus.train.optim.GradientClipping} (global L2 norm) and
 * {@link dev.colossus.train.optim.LearningRateSchedule} (linear warmup, cosine decay to a floor).
 */
package dev.colossus.train.optim;
