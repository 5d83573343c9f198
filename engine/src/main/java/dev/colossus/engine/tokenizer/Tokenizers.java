package dev.colossus.engine.tokenizer;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufFormatException;
import dev.colossus.engine.gguf.GgufValueType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the tokenizer a GGUF file describes in its {@code tokenizer.ggml.*} metadata, with llama.cpp's defaults for
 * what the file leaves out.
 * <p>Supported {@code tokenizer.ggml.model} values: {@code llama} (SentencePiece-style, BOS added unless
 * {@code add_bos_token} says otherwise; Llama 2, Mistral v0.1-v0.3, Gemma, Phi-3) and {@code gpt2} (byte-level BPE with
 * the {@code llama3}/{@code llama-bpe}, {@code qwen2}, {@code tekken} (Mistral Nemo and later), {@code gpt-4o}
 * (Llama 4, Phi-4-mini), {@code gpt-2}, {@code dbrx} (Phi-4) and {@code default} pre-tokenizers and their aliases).
 */
public final class Tokenizers {

    /** How a {@code tokenizer.ggml.pre} value tokenizes, as llama.cpp sets it up. */
    private record Pre(PreTokenizer splitter, boolean ignoreMerges, boolean addBos) {
    }

    private static final Pre LLAMA3 = new Pre(PreTokenizer.LLAMA3, true, true);
    private static final Pre LLAMA3_REGEX_ONLY = new Pre(PreTokenizer.LLAMA3, false, false);
    private static final Pre QWEN2 = new Pre(PreTokenizer.QWEN2, false, false);
    private static final Pre GPT2 = new Pre(PreTokenizer.GPT2, false, false);
    private static final Pre DEFAULT = new Pre(PreTokenizer.DEFAULT, false, false);
    private static final Pre TEKKEN = new Pre(PreTokenizer.TEKKEN, true, true);
    private static final Pre GPT4O = new Pre(PreTokenizer.GPT4O, false, false);

    /** Supported {@code tokenizer.ggml.pre} values (a file without the key gets {@code default}). */
    private static final Map<String, Pre> PRE = new LinkedHashMap<>();

    static {
        for (String name : new String[] {"llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral",
                "midm-2.0", "lfm2"}) {
            PRE.put(name, LLAMA3);
        }
        PRE.put("dbrx", LLAMA3_REGEX_ONLY);
        PRE.put("smaug-bpe", LLAMA3_REGEX_ONLY);
        for (String name : new String[] {"qwen2", "deepseek-r1-qwen", "megrez", "stablelm2"}) PRE.put(name, QWEN2);
        for (String name : new String[] {"gpt-2", "phi-2", "mpt", "olmo"}) PRE.put(name, GPT2);
        PRE.put("tekken", TEKKEN);
        for (String name : new String[] {"gpt-4o", "llama4", "kanana2"}) PRE.put(name, GPT4O);
        PRE.put("default", DEFAULT);
    }

    private Tokenizers() {
    }

    /**
     * The tokenizer of {@code gguf}.
     *
     * @throws GgufFormatException when the tokenizer metadata is missing, malformed, or names a tokenizer model or
     *                             pre-tokenizer this engine does not support (the message lists the supported ones)
     */
    public static GgufTokenizer fromGguf(GgufFile gguf) {
        String model = gguf.getString("tokenizer.ggml.model");
        String[] tokens = gguf.getArray("tokenizer.ggml.tokens", String[].class);
        float[] scores = scores(gguf);
        int[] types = gguf.has("tokenizer.ggml.token_type") ? gguf.getArray("tokenizer.ggml.token_type", int[].class)
                : null;
        try {
            return switch (model) {
                case "llama" -> new SentencePieceTokenizer(
                        new Vocabulary(tokens, scores, types, settings(gguf, Vocabulary.Settings.sentencePiece(),
                                tokens.length)));
                case "gpt2" -> {
                    String name = gguf.getString("tokenizer.ggml.pre", "default");
                    Pre pre = PRE.get(name);
                    if (pre == null) {
                        throw new GgufFormatException(fileName(gguf) + ": unsupported pre-tokenizer '" + name
                                + "' in tokenizer.ggml.pre (supported: " + String.join(", ", PRE.keySet()) + ")");
                    }
                    String[] merges = gguf.getArray("tokenizer.ggml.merges", String[].class);
                    Vocabulary.Settings defaults = Vocabulary.Settings.bytePair().withAdded(pre.addBos(), false);
                    yield new BytePairTokenizer(new Vocabulary(tokens, scores, types,
                            settings(gguf, defaults, tokens.length)), merges, pre.splitter(), pre.ignoreMerges());
                }
                default -> throw new GgufFormatException(fileName(gguf) + ": unsupported tokenizer model '" + model
                        + "' in tokenizer.ggml.model (supported: llama, gpt2)");
            };
        } catch (IllegalArgumentException e) {
            throw new GgufFormatException(fileName(gguf) + ": tokenizer metadata: " + e.getMessage());
        }
    }

    private static String fileName(GgufFile gguf) {
        return gguf.path() == null ? "model" : String.valueOf(gguf.path().getFileName());
    }

    /** Scores as llama.cpp accepts them: FLOAT32 or INT32 arrays. */
    private static float[] scores(GgufFile gguf) {
        String key = "tokenizer.ggml.scores";
        if (!gguf.has(key)) return null;
        if (gguf.value(key).elementType() == GgufValueType.INT32) {
            int[] ints = gguf.getArray(key, int[].class);
            float[] scores = new float[ints.length];
            for (int i = 0; i < ints.length; i++) scores[i] = ints[i];
            return scores;
        }
        return gguf.getArray(key, float[].class);
    }

    /** The defaults overridden by the file's ids and flags; an id outside the vocabulary keeps the default. */
    private static Vocabulary.Settings settings(GgufFile gguf, Vocabulary.Settings defaults, int vocabularySize) {
        Vocabulary.Settings s = defaults.withIds(
                id(gguf, "tokenizer.ggml.bos_token_id", defaults.bos(), vocabularySize),
                id(gguf, "tokenizer.ggml.eos_token_id", defaults.eos(), vocabularySize),
                id(gguf, "tokenizer.ggml.unknown_token_id", defaults.unk(), vocabularySize));
        s = s.withEndOfTurn(id(gguf, "tokenizer.ggml.eot_token_id", -1, vocabularySize),
                id(gguf, "tokenizer.ggml.eom_token_id", -1, vocabularySize));
        s = s.withAdded(gguf.getBool("tokenizer.ggml.add_bos_token", s.addBos()),
                gguf.getBool("tokenizer.ggml.add_eos_token", s.addEos()));
        String name = gguf.getString("general.name", "").toLowerCase(java.util.Locale.ROOT);
        return s.withAddSpacePrefix(gguf.getBool("tokenizer.ggml.add_space_prefix", s.addSpacePrefix()))
                .withStripAfterSpecial(name.contains("phi-3") || name.contains("phi3"));
    }

    private static int id(GgufFile gguf, String key, int defaultId, int vocabularySize) {
        if (!gguf.has(key)) return defaultId;
        long id = gguf.getLong(key);
        return id >= 0 && id < vocabularySize ? (int) id : defaultId;
    }
}
