package dev.colossus.train.export;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufWriter;
import dev.colossus.engine.tensor.Quantizer;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.tokenizer.TrainingTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a trained model as a {@code general.architecture = llama} GGUF file: the hyper-parameter keys llama.cpp
 * reads, the tokenizer's metadata (chat template included), and every tensor by its GGUF name. Matrices are stored
 * in the chosen type (F32 or F16), norm weights always in F32, as llama.cpp's converter does.
 * <p>Thread safety: stateless.
 */
public final class GgufExport {

    private GgufExport() {
    }

    /**
     * The {@code general.*} and {@code llama.*} keys of a model of this shape, then the tokenizer's keys.
     *
     * @param name {@code general.name}
     * @param type the type of the matrices ({@code general.file_type})
     */
    public static Map<String, GgufValue> metadata(LlamaShape shape, TrainingTokenizer tokenizer, String name,
                                                  GgmlType type) {
        Map<String, GgufValue> m = new LinkedHashMap<>();
        m.put("general.architecture", GgufValue.of("llama"));
        m.put("general.name", GgufValue.of(name));
        m.put("general.file_type", GgufValue.ofUint32(fileType(type)));
        m.put("llama.context_length", GgufValue.ofUint32(shape.context()));
        m.put("llama.embedding_length", GgufValue.ofUint32(shape.dim()));
        m.put("llama.block_count", GgufValue.ofUint32(shape.layers()));
        m.put("llama.feed_forward_length", GgufValue.ofUint32(shape.ffn()));
        m.put("llama.attention.head_count", GgufValue.ofUint32(shape.heads()));
        m.put("llama.attention.head_count_kv", GgufValue.ofUint32(shape.kvHeads()));
        m.put("llama.rope.dimension_count", GgufValue.ofUint32(shape.headDim()));
        m.put("llama.rope.freq_base", GgufValue.ofFloat32(shape.ropeTheta()));
        m.put("llama.attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(shape.normEps()));
        m.put("llama.vocab_size", GgufValue.ofUint32(shape.vocab()));
        m.putAll(tokenizer.metadata());
        return m;
    }

    /**
     * Writes the model to {@code out} (replacing it; a failed write leaves no partial file).
     *
     * @param type F32 or F16
     * @throws IllegalArgumentException for another type, or a tokenizer whose size is not the model's vocabulary
     */
    public static void write(Parameters parameters, TrainingTokenizer tokenizer, String name, GgmlType type, Path out)
            throws IOException {
        writer(parameters, tokenizer, name, type).write(out);
    }

    /** A writer holding the model's metadata and tensors, to which a caller may add more before writing. */
    public static GgufWriter writer(Parameters parameters, TrainingTokenizer tokenizer, String name, GgmlType type) {
        return writer(parameters.shape(), parameters.layout(), tokenizer, name, type, parameters::data);
    }

    /**
     * A writer for a model of {@code shape} whose tensors are produced one at a time, while the file is written:
     * {@code tensors} gets each GGUF name of {@link Parameters#layout} in order and returns its floats, which are
     * encoded, written and dropped before the next one is asked for. Exporting then needs memory for the largest
     * tensor rather than for the whole model.
     *
     * @param type F32 or F16
     * @throws IllegalArgumentException for another type, or a tokenizer whose size is not the model's vocabulary
     */
    public static GgufWriter writer(LlamaShape shape, TrainingTokenizer tokenizer, String name, GgmlType type,
                                    Function<String, float[]> tensors) {
        return writer(shape, Parameters.layout(shape), tokenizer, name, type, tensors);
    }

    private static GgufWriter writer(LlamaShape shape, Map<String, int[]> layout, TrainingTokenizer tokenizer,
                                     String name, GgmlType type, Function<String, float[]> tensors) {
        if (tokenizer.vocabularySize() != shape.vocab()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabularySize()
                    + " tokens but the model " + shape.vocab());
        }
        GgufWriter writer = new GgufWriter().putAll(metadata(shape, tokenizer, name, type));
        for (Map.Entry<String, int[]> t : layout.entrySet()) {
            int[] dims = t.getValue();
            GgmlType tensorType = dims.length >= 2 ? type : GgmlType.F32;
            long[] ne = new long[dims.length];
            long count = 1;
            for (int i = 0; i < ne.length; i++) {
                ne[i] = dims[i];
                count *= dims[i];
            }
            String tensor = t.getKey();
            writer.addTensor(tensor, ne, tensorType, tensorType.bytesFor(count),
                    () -> Quantizer.quantize(tensorType, tensors.apply(tensor)));
        }
        return writer;
    }

    /** GGML's {@code general.file_type} for a model whose matrices are all F32 or all F16. */
    private static int fileType(GgmlType type) {
        return switch (type) {
            case F32 -> 0;
            case F16 -> 1;
            default -> throw new IllegalArgumentException("models are exported as F32 or F16, not " + type);
        };
    }
}
