package dev.colossus.train.tokenizer;

import dev.colossus.engine.gguf.GgufValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A byte-level BPE vocabulary as GGUF stores it: token texts in GPT-2's byte alphabet, their GGUF token types
 * (1 normal, 3 control), the merge rules in rank order, and the BOS and EOS ids.
 *
 * @param tokens     token texts by id
 * @param tokenTypes GGUF token type by id
 * @param merges     merge rules {@code "left right"}, lowest rank (applied first) first
 * @param bos        id of the beginning-of-sequence token
 * @param eos        id of the end-of-sequence token
 */
public record BpeVocabulary(String[] tokens, int[] tokenTypes, String[] merges, int bos, int eos) {

    /** Text of the beginning-of-sequence token of trained vocabularies. */
    public static final String BOS_TEXT = "<s>";
    /** Text of the end-of-sequence token of trained vocabularies. */
    public static final String EOS_TEXT = "</s>";

    public BpeVocabulary {
        if (tokens.length != tokenTypes.length) {
            throw new IllegalArgumentException(tokens.length + " tokens but " + tokenTypes.length + " token types");
        }
        if (bos < 0 || bos >= tokens.length || eos < 0 || eos >= tokens.length) {
            throw new IllegalArgumentException("BOS or EOS id outside the vocabulary");
        }
    }

    public int size() {
        return tokens.length;
    }

    /**
     * The {@code tokenizer.ggml.*} metadata of this vocabulary, in the order llama.cpp's converter writes it: model
     * {@code gpt2} with the {@code gpt-2} pre-tokenizer, BOS added at the start of a text, EOS not added.
     */
    public Map<String, GgufValue> metadata() {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("tokenizer.ggml.model", GgufValue.of("gpt2"));
        m.put("tokenizer.ggml.pre", GgufValue.of("gpt-2"));
        m.put("tokenizer.ggml.tokens", GgufValue.ofArray(tokens.clone()));
        m.put("tokenizer.ggml.token_type", GgufValue.ofArray(tokenTypes.clone()));
        m.put("tokenizer.ggml.merges", GgufValue.ofArray(merges.clone()));
        m.put("tokenizer.ggml.bos_token_id", GgufValue.ofUint32(bos));
        m.put("tokenizer.ggml.eos_token_id", GgufValue.ofUint32(eos));
        m.put("tokenizer.ggml.add_bos_token", GgufValue.ofBool(true));
        m.put("tokenizer.ggml.add_eos_token", GgufValue.ofBool(false));
        return m;
    }
}
