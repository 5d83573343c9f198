package dev.colossus.engine.bench;

import java.util.List;

/**
 * The shape of a llama-architecture model made for benchmarks: embedding width, layers, attention heads (query
 * and key/value, for grouped-query attention), feed-forward width, vocabulary and context length.
 *
 * @param name the size's name, as given on the command line
 */
public record ModelShape(String name, int dim, int layers, int heads, int kvHeads, int ffn, int vocab, int context) {

    /** About 1.3M parameters: quick to make and load, every weight row a multiple of 256 (so K-quants fit). */
    public static final ModelShape TINY = new ModelShape("tiny", 256, 2, 4, 2, 512, 1000, 2048);
    /** About 125M parameters: dim 768, 12 layers, 12 heads, 4 KV heads, FFN 2048, vocab 32000. */
    public static final ModelShape M100 = new ModelShape("100m", 768, 12, 12, 4, 2048, 32000, 2048);

    public static List<ModelShape> named() {
        return List.of(TINY, M100);
    }

    /** The named shape, or an {@link IllegalArgumentException} listing the names. */
    public static ModelShape byName(String name) {
        return named().stream().filter(s -> s.name.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model size '" + name + "' (known: "
                        + String.join(", ", named().stream().map(ModelShape::name).toList()) + ")"));
    }

    public int headDim() {
        return dim / heads;
    }

    /** Weights in all tensors. */
    public long parameters() {
        long perLayer = 2L * dim + (long) dim * dim * 2 + 2L * dim * kvHeads * headDim() + 3L * dim * ffn;
        return perLayer * layers + 2L * vocab * dim + dim;
    }
}
