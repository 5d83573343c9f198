package dev.colossus.train.model;

/**
 * The weights a {@link LlamaTrainingModel} pass reads, and where their gradients go: plain float tensors that are
 * all trained ({@link #of(Parameters, Parameters)}), or a frozen base with trained adapters (LoRA). Names are the
 * GGUF tensor names of {@link Parameters#layout}.
 * <p>Thread safety: the model calls one method at a time; implementations need not be thread-safe.
 */
public interface LlamaWeights {

    LlamaShape shape();

    /** Writes the embedding of {@code token} into {@code out[offset .. offset + dim)}. */
    void embed(int token, float[] out, int offset);

    /** Adds {@code grad[offset .. offset + dim)} to the gradient of {@code token}'s embedding, if it is trained. */
    void addEmbeddingGradient(int token, float[] grad, int offset);

    /** The vector (RMSNorm weight) named {@code name}; read only. */
    float[] vector(String name);

    /** Where the gradient of vector {@code name} is added, or null when it is frozen. */
    float[] vectorGradient(String name);

    /** The matrix named {@code name}. */
    Projection matrix(String name);

    /**
     * Every tensor of {@code params} trained, gradients added to {@code grads} (null: forward passes only).
     *
     * @throws IllegalArgumentException when {@code grads} is of another shape
     */
    static LlamaWeights of(Parameters params, Parameters grads) {
        return new DenseWeights(params, grads);
    }
}
