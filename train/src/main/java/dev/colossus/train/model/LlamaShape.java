package dev.colossus.train.model;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.model.Architecture;
import dev.colossus.engine.model.ModelConfig;

/**
 * The hyper-parameters of a trainable llama-architecture model: RMSNorm, RoPE on adjacent pairs {@code (2i, 2i+1)}
 * over the whole head, grouped-query causal attention without biases, a SwiGLU feed-forward block.
 *
 * @param vocab          vocabulary size (rows of {@code token_embd.weight})
 * @param dim            embedding width
 * @param layers         transformer blocks
 * @param heads          query heads; {@code dim} must be a multiple of it (head size {@code dim / heads})
 * @param kvHeads        key/value heads; {@code heads} must be a multiple of it
 * @param ffn            hidden width of the feed-forward block
 * @param context        longest sequence the model is trained or run on
 * @param normEps        RMSNorm epsilon
 * @param ropeTheta      RoPE base: pair {@code i} at position {@code p} turns by {@code p * ropeTheta^(-2i/headDim)}
 * @param tiedEmbeddings true when the output projection is {@code token_embd.weight} (no {@code output.weight})
 * @throws IllegalArgumentException naming the first inconsistent value
 */
public record LlamaShape(int vocab, int dim, int layers, int heads, int kvHeads, int ffn, int context, float normEps,
                         float ropeTheta, boolean tiedEmbeddings) {

    public LlamaShape {
        positive("vocab", vocab);
        positive("dim", dim);
        positive("layers", layers);
        positive("heads", heads);
        positive("kvHeads", kvHeads);
        positive("ffn", ffn);
        positive("context", context);
        if (dim % heads != 0) {
            throw new IllegalArgumentException("dim " + dim + " is not a multiple of heads " + heads);
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException("heads " + heads + " is not a multiple of kvHeads " + kvHeads);
        }
        if ((dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("head size " + dim / heads + " must be even for RoPE");
        }
        if (!(normEps > 0) || !Float.isFinite(normEps)) {
            throw new IllegalArgumentException("normEps must be positive, got " + normEps);
        }
        if (!(ropeTheta > 1) || !Float.isFinite(ropeTheta)) {
            throw new IllegalArgumentException("ropeTheta must be greater than 1, got " + ropeTheta);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive, got " + value);
    }

    /** Size of one attention head: {@code dim / heads}. */
    public int headDim() {
        return dim / heads;
    }

    /** Width of the key and value projections: {@code kvHeads * headDim()}. */
    public int kvDim() {
        return kvHeads * headDim();
    }

    /** Number of trainable floats. */
    public long parameterCount() {
        long perLayer = 2L * dim + 2L * dim * dim + 2L * dim * kvDim() + 3L * dim * ffn;
        return (long) vocab * dim * (tiedEmbeddings ? 1 : 2) + dim + layers * perLayer;
    }

    /**
     * The shape of a GGUF file's model, which must be of the {@code llama} architecture with RoPE over whole heads,
     * no RoPE scaling and {@code attention.key_length == dim / heads}.
     *
     * @throws IllegalArgumentException saying what the file has that this trainer does not support
     */
    public static LlamaShape fromGguf(GgufFile gguf) {
        ModelConfig c;
        try {
            c = ModelConfig.fromGguf(gguf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (c.architecture() != Architecture.LLAMA) {
            throw new IllegalArgumentException("only the llama architecture can be trained, the file has "
                    + c.architecture().ggufName());
        }
        if (c.headDim() * c.heads() != c.dim()) {
            throw new IllegalArgumentException("head size " + c.headDim() + " times " + c.heads()
                    + " heads is not the embedding width " + c.dim());
        }
        if (c.ropeDims() != c.headDim() || c.ropeFreqScale() != 1f || gguf.hasTensor("rope_freqs.weight")) {
            throw new IllegalArgumentException("RoPE over part of a head or with scaling is not supported for training");
        }
        return new LlamaShape(c.vocabSize(), c.dim(), c.layers(), c.heads(), c.kvHeads(), c.ffnDim(),
                c.contextLength(), c.rmsEps(), c.ropeBase(), !gguf.hasTensor("output.weight"));
    }
}
