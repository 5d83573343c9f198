/**
 * The llama model as a trainer sees it: {@link dev.colossus.train.model.LlamaShape} (hyper-parameters),
 * {@link dev.colossus.train.model.Parameters} (float32 tensors by GGUF name, also used for gradients and optimizer
 * moments) and {@link dev.colossus.train.model.LlamaTrainingModel} (forward and backward passes, mean
 * cross-entropy with ignored targets), all in float32 with the Vector API.
 */
package dev.colossus.train.model;
