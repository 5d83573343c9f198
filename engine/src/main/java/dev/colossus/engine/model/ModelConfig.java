package dev.colossus.engine.model;

import dev.colossus.engine.gguf.GgufFile;

/**
 * The hyper-parameters of a model, read from GGUF metadata ({@code <arch>.*} keys) with llama.cpp's defaults for
 * the keys a file leaves out.
 *
 * @param headDim           size of one attention head ({@code attention.key_length}, default {@code dim / heads})
 * @param ropeDims          how many leading elements of each head RoPE rotates ({@code rope.dimension_count})
 * @param ropeFreqScale     linear RoPE scaling of the global layers: positions are multiplied by this
 *                          ({@code 1 / rope.scaling.factor} when {@code rope.scaling.type} is {@code linear}, else 1)
 * @param embeddingScale    token embeddings are multiplied by this ({@code sqrt(dim)} for Gemma, else 1)
 * @param attentionScale    queries are multiplied by this before the dot products ({@code 1 / sqrt(headDim)}, or
 *                          {@code 1 / sqrt(dim / heads)} for the Gemma 27B models as llama.cpp has it)
 * @param attentionSoftCap  attention scores become {@code cap * tanh(score / cap)} before the softmax; 0: none
 * @param finalSoftCap      the same for the output logits; 0: none
 * @param slidingWindow     local layers attend to the last this many positions (the current one included); 0: no
 *                          local layers
 * @param slidingWindowPeriod layer {@code l} is local when {@code l % period < period - 1}; 0: every layer
 * @param localRopeBase     RoPE base of the local layers (their RoPE is never scaled)
 */
public record ModelConfig(Architecture architecture, int dim, int layers, int heads, int kvHeads, int headDim,
                          int ffnDim, int vocabSize, int contextLength, float rmsEps, float ropeBase, int ropeDims,
                          float ropeFreqScale, float embeddingScale, float attentionScale, float attentionSoftCap,
                          float finalSoftCap, int slidingWindow, int slidingWindowPeriod, float localRopeBase) {

    public int queryDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }

    /** True when layer {@code layer} attends to a sliding window of {@link #slidingWindow()} positions. */
    public boolean isLocal(int layer) {
        return slidingWindow > 0 && (slidingWindowPeriod == 0 || layer % slidingWindowPeriod < slidingWindowPeriod - 1);
    }

    /** Reads the configuration; the vocabulary size comes from the token embedding when no key gives it. */
    public static ModelConfig fromGguf(GgufFile gguf) {
        Architecture arch = Architecture.fromGguf(gguf.getString("general.architecture", "(none)"));
        String p = arch.ggufName() + ".";
        int dim = gguf.getInt(p + "embedding_length");
        int layers = gguf.getInt(p + "block_count");
        int heads = gguf.getInt(p + "attention.head_count");
        int kvHeads = gguf.getInt(p + "attention.head_count_kv", heads);
        int headDim = gguf.getInt(p + "attention.key_length", dim / Math.max(1, heads));
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0 || headDim <= 0) {
            throw new UnsupportedModelException("inconsistent attention heads: " + heads + " query heads, " + kvHeads
                    + " KV heads, head size " + headDim);
        }
        if (gguf.getInt(p + "attention.value_length", headDim) != headDim) {
            throw new UnsupportedModelException("attention.value_length differs from attention.key_length ("
                    + headDim + "), which is not supported");
        }
        int vocab = gguf.getInt(p + "vocab_size",
                gguf.hasTensor("token_embd.weight") ? (int) gguf.tensor("token_embd.weight").dim(1) : 0);
        float freqScale = 1f;
        String scaling = gguf.getString(p + "rope.scaling.type", "none");
        if (scaling.equals("linear")) {
            freqScale = (float) (1.0 / gguf.getDouble(p + "rope.scaling.factor", 1.0));
        } else if (!scaling.equals("none") && !scaling.equals("llama3")) {
            // llama3 scaling comes as the rope_freqs.weight tensor; yarn and others are not implemented
            throw new UnsupportedModelException("unsupported RoPE scaling '" + scaling
                    + "' (supported: none, linear, llama3)");
        }
        float ropeBase = (float) gguf.getDouble(p + "rope.freq_base", 10000.0);

        boolean gemma = arch.extras.gemmaLayer;
        int queryScaleDim = arch.embeddingQueryScaleLayers == layers ? dim / heads : headDim;
        Architecture.SoftCaps caps = arch.softCaps;
        float attentionCap = Float.isNaN(caps.attention()) ? 0f
                : (float) gguf.getDouble(p + "attn_logit_softcapping", caps.attention());
        float finalCap = Float.isNaN(caps.finalLogits()) ? 0f
                : (float) gguf.getDouble(p + "final_logit_softcapping", caps.finalLogits());

        Architecture.LocalAttention local = arch.localAttention;
        int window = 0, period = 0;
        float localBase = ropeBase;
        if (local.exists()) {
            window = gguf.getInt(p + "attention.sliding_window", local.defaultWindow());
            period = gguf.getInt(p + "attention.sliding_window_pattern", local.defaultPeriod());
            localBase = (float) gguf.getDouble(p + "rope.freq_base_swa", local.ownRopeBase() ? 10000.0 : ropeBase);
            if (window < 0 || period < 0) {
                throw new UnsupportedModelException("negative sliding window " + window + " or pattern " + period);
            }
        }
        return new ModelConfig(arch, dim, layers, heads, kvHeads, headDim,
                gguf.getInt(p + "feed_forward_length"), vocab,
                gguf.getInt(p + "context_length", 2048),
                (float) gguf.getDouble(p + "attention.layer_norm_rms_epsilon", 1e-5),
                ropeBase,
                gguf.getInt(p + "rope.dimension_count", headDim),
                freqScale,
                gemma ? (float) Math.sqrt(dim) : 1f,
                (float) (1.0 / Math.sqrt(queryScaleDim)),
                attentionCap, finalCap, window, period, localBase);
    }
}
