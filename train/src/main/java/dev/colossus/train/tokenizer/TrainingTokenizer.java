package dev.colossus.train.tokenizer;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufWriter;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Tokenizers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokenizer of a training run: its GGUF metadata (every {@code tokenizer.*} key, the chat template included),
 * which checkpoints and exported models carry, and the engine's tokenizer built from exactly that metadata, so
 * that training data is tokenized as the engine (and llama.cpp) will tokenize prompts for the trained model.
 * <p>Thread safety: immutable.
 *
 * @param metadata  the {@code tokenizer.*} keys, in file order (unmodifiable)
 * @param tokenizer the engine's tokenizer for them
 */
public record TrainingTokenizer(Map<String, GgufValue> metadata, Tokenizer tokenizer) {

    /** Prefix of the metadata keys that describe a tokenizer and its chat template. */
    public static final String KEY_PREFIX = "tokenizer.";

    public TrainingTokenizer {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tokenizer of a vocabulary trained by {@link BpeTrainer}. */
    public static TrainingTokenizer of(BpeVocabulary vocabulary) {
        return of(vocabulary.metadata());
    }

    /**
     * The tokenizer described by {@code tokenizer.*} metadata (other keys are ignored).
     *
     * @throws dev.colossus.engine.gguf.GgufFormatException when the engine cannot build a tokenizer from it
     */
    public static TrainingTokenizer of(Map<String, GgufValue> metadata) {
        Map<String, GgufValue> keys = tokenizerKeys(metadata);
        // The engine builds tokenizers from GGUF files: hand it one that holds only this metadata.
        try {
            Path file = Files.createTempFile("colossus-tokenizer", ".gguf");
            try {
                new GgufWriter().putAll(keys).write(file);
                try (GgufFile gguf = GgufFile.open(file)) {
                    return new TrainingTokenizer(keys, Tokenizers.fromGguf(gguf));
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the tokenizer: " + e.getMessage(), e);
        }
    }

    /** The tokenizer of a model file, with its metadata copied (chat template included). */
    public static TrainingTokenizer fromGguf(GgufFile gguf) {
        return new TrainingTokenizer(tokenizerKeys(gguf.metadata()), Tokenizers.fromGguf(gguf));
    }

    private static Map<String, GgufValue> tokenizerKeys(Map<String, GgufValue> metadata) {
        Map<String, GgufValue> keys = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(KEY_PREFIX)) keys.put(k, v);
        });
        return keys;
    }

    public int vocabularySize() {
        return tokenizer.vocabularySize();
    }
}
