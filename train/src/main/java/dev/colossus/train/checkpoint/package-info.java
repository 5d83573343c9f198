/**
 * Checkpoints of a training run, written atomically and read back for an exact resume
 * ({@link dev.colossus.train.checkpoint.CheckpointStore}).
 */
package dev.colossus.train.checkpoint;
