/**
 * Trainer: explicit forward and backward passes of llama-family models in float32, AdamW, data, checkpoints,
 * data-parallel ranks through a {@code Communicator}, and GGUF export.
 */
package dev.colossus.train;
