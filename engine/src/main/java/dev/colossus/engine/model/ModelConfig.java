package dev.colossus.engine.model;

import dev.colossus.engine.gguf.GgufFile;

/**
 * The hyper-parameters of a llama-family model, read from GGUF metadata ({@code <arch>.*} keys).
 *
 * @param headDim      size of one attention head ({@code attention.key_length}, default {@code dim / heads})
 * @param ropeDims     how many leading elements of each head RoPE rotates ({@code rope.dimension_count})
 * @param ropeFreqScale linear RoPE scaling: positions are multiplied by this ({@code 1 / rope.scaling.factor} when
 *                      {@code rope.scaling.type} is {@code linear}, else 1)
 */
public record ModelConfig(Architecture architecture, int dim, int layers, int heads, int kvHeads, int headDim,
                          int ffnDim, int vocabSize, int contextLength, float rmsEps, float ropeBase, int ropeDims,
                          float ropeFreqScale) {

    public int queryDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Reads the configuration; the vocabulary size comes from the token embedding when no key gives it. */
    public static ModelConfig fromGguf(GgufFile gguf) {
        Architecture arch = Architecture.fromGguf(gguf.getString("general.architecture", "(none)"));
        String p = arch.ggufName() + ".";
        int dim = gguf.getInt(p + "embedding_length");
        int heads = gguf.getInt(p + "attention.head_count");
        int kvHeads = gguf.getInt(p + "attention.head_count_kv", heads);
        int headDim = gguf.getInt(p + "attention.key_length", dim / heads);
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0 || headDim <= 0) {
            throw new UnsupportedModelException("inconsistent attention heads: " + heads + " query heads, " + kvHeads
                    + " KV heads, head size " + headDim);
        }
        int vocab = gguf.getInt(p + "vocab_size",
                gguf.hasTensor("token_embd.weight") ? (int) gguf.tensor("token_embd.weight").dim(1) : 0);
        float freqScale = 1f;
        String scaling = gguf.getString(p + "rope.scaling.type", "none");
        if (scaling.equals("linear")) {
            freqScale = (float) (1.0 / gguf.getDouble(p + "rope.scaling.factor", 1.0));
        } else if (!scaling.equals("none") && !scaling.equals("llama3")) {
            // llama3 scaling comes as the rope_freqs.weight tensor; yarn and others are not implemented
            throw new UnsupportedModelException("unsupported RoPE scaling '" + scaling + "' (supported: none, linear, llama3)");
        }
        return new ModelConfig(arch, dim,
                gguf.getInt(p + "block_count"), heads, kvHeads, headDim,
                gguf.getInt(p + "feed_forward_length"), vocab,
                gguf.getInt(p + "context_length", 2048),
                (float) gguf.getDouble(p + "attention.layer_norm_rms_epsilon", 1e-5),
                (float) gguf.getDouble(p + "rope.freq_base", 10000.0),
                gguf.getInt(p + "rope.dimension_count", headDim),
                freqScale);
    }
}
