package dev.colossus.train.lora;

import java.nio.file.Path;

/**
 * A run that trains adapters on a frozen base instead of every weight: the run's parameters are then the adapters
 * ({@link LoraAdapters#layout}), and the base is read from {@code base} whenever the run is continued or exported
 * (so it must stay the same file).
 *
 * @param settings rank, alpha and targets
 * @param base     the base model's GGUF file
 */
public record LoraRun(LoraSettings settings, Path base) {
}
