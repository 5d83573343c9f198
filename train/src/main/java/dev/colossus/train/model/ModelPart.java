package dev.colossus.train.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A part of a llama model whose gradients a backward pass finishes at once: the head (final norm and output matrix),
 * each block, the token embedding. A pass finishes them in that order, the blocks from the last to the first; see
 * {@link GradientsReady}.
 */
public sealed interface ModelPart {

    /** Whether the tensor {@code name} (a GGUF tensor name, or the name of an adapter trained beside one) is in this part. */
    boolean owns(String name);

    /** {@code output_norm.weight} and, when not tied to the embedding, {@code output.weight}. */
    record Head() implements ModelPart {
        @Override
        public boolean owns(String name) {
            return name.equals("output_norm.weight") || name.equals("output.weight");
        }
    }

    /** Every tensor of block {@code layer}: {@code blk.<layer>.*}. */
    record Block(int layer) implements ModelPart {
        @Override
        public boolean owns(String name) {
            return name.startsWith("blk." + layer + ".");
        }
    }

    /** {@code token_embd.weight}, which is also the output matrix when the two are tied. */
    record Embedding() implements ModelPart {
        @Override
        public boolean owns(String name) {
            return name.equals("token_embd.weight");
        }
    }

    /** The parts of a model of {@code shape} in the order a backward pass finishes them. */
    static List<ModelPart> backwardOrder(LlamaShape shape) {
        List<ModelPart> parts = new ArrayList<>();
        parts.add(new Head());
        for (int l = shape.layers() - 1; l >= 0; l--) parts.add(new Block(l));
        parts.add(new Embedding());
        return List.copyOf(parts);
    }
}
