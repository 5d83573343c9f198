package dev.colossus.engine.model;

import java.util.Arrays;

/**
 * The model architectures this engine runs, by their GGUF {@code general.architecture} name, each described by what
 * sets it apart from Llama as data: how RoPE pairs elements, how the projections are stored, the feed-forward
 * activation, which extra tensors its layers have and how its sliding-window layers are laid out.
 */
public enum Architecture {
    /** Llama 2/3.x, Mistral, TinyLlama, SmolLM: RoPE on adjacent pairs, no attention biases. */
    LLAMA("llama", false, GateUp.SEPARATE, Activation.SILU, Extras.NONE, LocalAttention.NONE,
            SoftCaps.NONE, 0),
    /** Qwen2 and Qwen2.5: biases on Q/K/V, RoPE on the two halves of each head (NEOX style). */
    QWEN2("qwen2", true, GateUp.SEPARATE, Activation.SILU, Extras.QKV_BIAS, LocalAttention.NONE,
            SoftCaps.NONE, 0),
    /** Qwen3: RMSNorm of each query and key head before RoPE ({@code attn_q_norm}, {@code attn_k_norm}). */
    QWEN3("qwen3", true, GateUp.SEPARATE, Activation.SILU, Extras.QK_NORM, LocalAttention.NONE,
            SoftCaps.NONE, 0),
    /**
     * Gemma 2: embeddings scaled by {@code sqrt(dim)}, GeGLU, norms after attention and feed-forward, attention and
     * final logits soft-capped, every other layer (the first of each pair) attending to a sliding window.
     */
    GEMMA2("gemma2", true, GateUp.SEPARATE, Activation.GELU_TANH, Extras.POST_NORMS,
            new LocalAttention(4096, 2, false), new SoftCaps(50f, 30f), 46),
    /**
     * Gemma 3: as Gemma 2 with per-head query and key norms instead of attention soft-capping, five local layers to
     * one global (when the file gives a sliding window) and their own RoPE base for the local layers.
     */
    GEMMA3("gemma3", true, GateUp.SEPARATE, Activation.GELU_TANH, Extras.QK_AND_POST_NORMS,
            new LocalAttention(0, 6, true), new SoftCaps(Float.NaN, 0f), 62),
    /** Phi-3: Q, K and V fused in {@code attn_qkv}, gate and up fused in {@code ffn_up}. */
    PHI3("phi3", true, GateUp.FUSED, Activation.SILU, Extras.NONE, LocalAttention.NONE,
            SoftCaps.NONE, 0);

    /**
     * How the feed-forward gate and up projections are stored. (Q, K and V may come fused in {@code attn_qkv} in
     * any architecture, as llama.cpp accepts; that is read from the file.)
     */
    enum GateUp {
        /** {@code ffn_gate} and {@code ffn_up}. */
        SEPARATE,
        /** {@code ffn_up} holds the gate rows, then the up rows. */
        FUSED
    }

    /** The extra per-layer tensors, and the embedding scaling that comes with Gemma's post-norms. */
    enum Extras {
        NONE(false, false, false),
        QKV_BIAS(true, false, false),
        QK_NORM(false, true, false),
        POST_NORMS(false, false, true),
        QK_AND_POST_NORMS(false, true, true);

        final boolean qkvBias;
        final boolean qkNorm;
        /** Post-attention and post-FFN norms and embeddings scaled by {@code sqrt(dim)} (the Gemma layer). */
        final boolean gemmaLayer;

        Extras(boolean qkvBias, boolean qkNorm, boolean gemmaLayer) {
            this.qkvBias = qkvBias;
            this.qkNorm = qkNorm;
            this.gemmaLayer = gemmaLayer;
        }
    }

    /**
     * Where an architecture has sliding-window layers, as llama.cpp reads them: layer {@code l} is local when
     * {@code l % period < period - 1}.
     *
     * @param defaultWindow          window when {@code attention.sliding_window} is absent; 0 means no local layers
     *                               unless the file gives a window
     * @param defaultPeriod          period when {@code attention.sliding_window_pattern} is absent
     * @param ownRopeBase            local layers default to RoPE base 10000 rather than the global base (both read
     *                               {@code rope.freq_base_swa} when the file has it)
     */
    record LocalAttention(int defaultWindow, int defaultPeriod, boolean ownRopeBase) {
        static final LocalAttention NONE = new LocalAttention(0, 0, false);

        boolean exists() {
            return defaultPeriod > 0;
        }
    }

    /**
     * Soft-capping {@code cap * tanh(x / cap)} of the attention scores and of the final logits: the value used when
     * the file has no {@code attn_logit_softcapping} / {@code final_logit_softcapping} key (0: none); NaN when the
     * architecture has no such cap and the key is not read.
     */
    record SoftCaps(float attention, float finalLogits) {
        static final SoftCaps NONE = new SoftCaps(Float.NaN, Float.NaN);
    }

    private final String ggufName;
    private final boolean neoxRope;
    final GateUp gateUp;
    final Activation activation;
    final Extras extras;
    final LocalAttention localAttention;
    final SoftCaps softCaps;
    /** Layer count of the model size whose queries are scaled by {@code 1/sqrt(dim/heads)} (Gemma 27B); 0: none. */
    final int embeddingQueryScaleLayers;

    Architecture(String ggufName, boolean neoxRope, GateUp gateUp, Activation activation, Extras extras,
                 LocalAttention localAttention, SoftCaps softCaps, int embeddingQueryScaleLayers) {
        this.ggufName = ggufName;
        this.neoxRope = neoxRope;
        this.gateUp = gateUp;
        this.activation = activation;
        this.extras = extras;
        this.localAttention = localAttention;
        this.softCaps = softCaps;
        this.embeddingQueryScaleLayers = embeddingQueryScaleLayers;
    }

    public String ggufName() {
        return ggufName;
    }

    /** True when RoPE rotates element {@code i} with {@code i + dims/2} rather than with {@code i + 1}. */
    public boolean neoxRope() {
        return neoxRope;
    }

    /**
     * The architecture named {@code name} in a GGUF file.
     *
     * @throws UnsupportedModelException naming the supported architectures when there is none
     */
    public static Architecture fromGguf(String name) {
        for (Architecture a : values()) if (a.ggufName.equals(name)) return a;
        throw new UnsupportedModelException("unsupported model architecture '" + name + "' (supported: "
                + String.join(", ", Arrays.stream(values()).map(Architecture::ggufName).toList()) + ")");
    }
}
