/**
 * Byte-level BPE tokenizers trained on a corpus ({@link dev.colossus.train.tokenizer.BpeTrainer}), written as GGUF
 * {@code tokenizer.ggml.*} metadata ({@code model = gpt2}, {@code pre = gpt-2}) that this project's engine and
 * llama.cpp read the same way, and the tokenizer a training run uses ({@link dev.colossus.train.tokenizer.TrainingTokenizer}).
 */
package dev.colossus.train.tokenizer;
