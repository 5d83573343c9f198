package dev.colossus.assistant.backend;

import dev.colossus.assistant.Fixtures;
import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufWriter;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Tokenizers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** A Qwen-style vocabulary for prompt tests: a fixture's byte-level BPE with ChatML's control tokens added. */
final class HostileTokens {

    static final String IM_START = "<|im_start|>";
    static final String IM_END = "<|im_end|>";

    private HostileTokens() {
    }

    /** The tokenizer of rand-qwen2-gpt2 (GPT-2's 50257 tokens) plus {@code <|im_start|>} and {@code <|im_end|>}. */
    static Tokenizer chatmlVocabulary(Path dir) throws IOException {
        Path vocab = dir.resolve("chatml-vocab.gguf");
        try (GgufFile source = GgufFile.open(Fixtures.dir("models").resolve("rand-qwen2-gpt2-F16.gguf"))) {
            GgufWriter writer = new GgufWriter().put("general.name", GgufValue.of("chatml vocabulary"));
            source.metadata().forEach((key, value) -> {
                if (key.startsWith("tokenizer.") && !key.equals("tokenizer.chat_template")) writer.put(key, value);
            });
            String[] tokens = source.getArray("tokenizer.ggml.tokens", String[].class);
            int[] types = source.getArray("tokenizer.ggml.token_type", int[].class);
            int n = tokens.length;
            tokens = Arrays.copyOf(tokens, n + 2);
            types = Arrays.copyOf(types, n + 2);
            tokens[n] = IM_START;
            tokens[n + 1] = IM_END;
            types[n] = 3; // control
            types[n + 1] = 3;
            writer.put("tokenizer.ggml.tokens", GgufValue.ofArray(tokens))
                    .put("tokenizer.ggml.token_type", GgufValue.ofArray(types));
            if (source.has("tokenizer.ggml.scores")) {
                float[] scores = source.getArray("tokenizer.ggml.scores", float[].class);
                writer.put("tokenizer.ggml.scores", GgufValue.ofArray(Arrays.copyOf(scores, n + 2)));
            }
            writer.write(vocab);
        }
        try (GgufFile gguf = GgufFile.open(vocab)) {
            return Tokenizers.fromGguf(gguf);
        }
    }

    /** The id of a token text in the vocabulary (it must be one token). */
    static int id(Tokenizer tokenizer, String text) {
        int[] ids = tokenizer.encode(text, false, true);
        if (ids.length != 1) throw new AssertionError(text + " is not one token: " + Arrays.toString(ids));
        return ids[0];
    }

    static long count(int[] ids, int id) {
        return Arrays.stream(ids).filter(t -> t == id).count();
    }
}
