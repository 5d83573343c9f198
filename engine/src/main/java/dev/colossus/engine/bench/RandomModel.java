package dev.colossus.engine.bench;

import dev.colossus.engine.gguf.GgmlType;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufWriter;
import dev.colossus.engine.tensor.Quantizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Writes a llama-architecture GGUF model with random weights and a SentencePiece-style vocabulary (unknown, BOS, EOS,
 * the 256 byte-fallback tokens {@code <0x00>..<0xFF>}, then single characters and letter pieces with decreasing
 * scores), which llama.cpp and this engine both load. Its output is meaningless text; it exists to measure speed
 * and memory on a model of a known size.
 * <p>Weights are drawn like a freshly initialised network: matrices N(0, 1/fan_in), embeddings N(0, 0.02²), norm
 * weights 1. Every 2-D weight is stored in the requested type; norm weights stay F32, as in llama.cpp's files.
 * Tensors are generated one at a time while the file is written, so making a model needs about one tensor's memory.
 */
public final class RandomModel {
    private RandomModel() {
    }

    /**
     * Writes the model to {@code out}.
     *
     * @param progress called with a short line per tensor (for a progress display on stderr)
     * @throws IllegalArgumentException when {@code type} cannot be written or does not fit the shape's row lengths
     */
    public static void write(ModelShape shape, GgmlType type, long seed, Path out, Consumer<String> progress)
            throws IOException {
        if (!Quantizer.supports(type)) throw new IllegalArgumentException("cannot write " + type + " weights");
        if (shape.dim() % type.blockSize() != 0 || shape.ffn() % type.blockSize() != 0) {
            throw new IllegalArgumentException(type + " needs rows that are multiples of " + type.blockSize()
                    + "; the " + shape.name() + " model has rows of " + shape.dim() + " and " + shape.ffn());
        }
        GgufWriter writer = new GgufWriter();
        metadata(writer, shape, type);
        int kvDim = shape.kvHeads() * shape.headDim();
        record Spec(String name, int cols, int rows, double std) {
        }
        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec("token_embd.weight", shape.dim(), shape.vocab(), 0.02));
        for (int l = 0; l < shape.layers(); l++) {
            String p = "blk." + l + ".";
            specs.add(new Spec(p + "attn_norm.weight", shape.dim(), 1, 0));
            specs.add(new Spec(p + "attn_q.weight", shape.dim(), shape.dim(), 1 / Math.sqrt(shape.dim())));
            specs.add(new Spec(p + "attn_k.weight", shape.dim(), kvDim, 1 / Math.sqrt(shape.dim())));
            specs.add(new Spec(p + "attn_v.weight", shape.dim(), kvDim, 1 / Math.sqrt(shape.dim())));
            specs.add(new Spec(p + "attn_output.weight", shape.dim(), shape.dim(), 1 / Math.sqrt(shape.dim())));
            specs.add(new Spec(p + "ffn_norm.weight", shape.dim(), 1, 0));
            specs.add(new Spec(p + "ffn_gate.weight", shape.dim(), shape.ffn(), 1 / Math.sqrt(shape.dim())));
            specs.add(new Spec(p + "ffn_up.weight", shape.dim(), shape.ffn(), 1 / Math.sqrt(shape.dim())));
            specs.add(new Spec(p + "ffn_down.weight", shape.ffn(), shape.dim(), 1 / Math.sqrt(shape.ffn())));
        }
        specs.add(new Spec("output_norm.weight", shape.dim(), 1, 0));
        specs.add(new Spec("output.weight", shape.dim(), shape.vocab(), 1 / Math.sqrt(shape.dim())));

        SplittableRandom root = new SplittableRandom(seed);
        for (int k = 0; k < specs.size(); k++) {
            Spec s = specs.get(k);
            boolean norm = s.rows == 1;
            GgmlType t = norm ? GgmlType.F32 : type;
            long[] ne = norm ? new long[]{s.cols} : new long[]{s.cols, s.rows};
            long elements = (long) s.cols * s.rows;
            SplittableRandom random = root.split();
            int position = k + 1;
            writer.addTensor(s.name, ne, t, t.bytesFor(elements), () -> {
                progress.accept("tensor " + position + "/" + specs.size() + " " + s.name + " " + t);
                float[] values = new float[Math.toIntExact(elements)];
                for (int i = 0; i < values.length; i++) {
                    values[i] = norm ? 1 : (float) (random.nextGaussian() * s.std);
                }
                return Quantizer.quantize(t, values);
            });
        }
        writer.write(out);
    }

    private static void metadata(GgufWriter w, ModelShape shape, GgmlType type) {
        w.put("general.architecture", GgufValue.of("llama"));
        w.put("general.name", GgufValue.of("colossus-random-" + shape.name()));
        w.put("general.description", GgufValue.of("random weights for benchmarks (" + shape + ")"));
        w.put("general.file_type", GgufValue.ofUint32(fileType(type)));
        if (type.blockSize() > 1) w.put("general.quantization_version", GgufValue.ofUint32(2));
        w.put("llama.context_length", GgufValue.ofUint32(shape.context()));
        w.put("llama.embedding_length", GgufValue.ofUint32(shape.dim()));
        w.put("llama.block_count", GgufValue.ofUint32(shape.layers()));
        w.put("llama.feed_forward_length", GgufValue.ofUint32(shape.ffn()));
        w.put("llama.attention.head_count", GgufValue.ofUint32(shape.heads()));
        w.put("llama.attention.head_count_kv", GgufValue.ofUint32(shape.kvHeads()));
        w.put("llama.rope.dimension_count", GgufValue.ofUint32(shape.headDim()));
        w.put("llama.rope.freq_base", GgufValue.ofFloat32(10000));
        w.put("llama.attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(1e-5f));
        w.put("llama.vocab_size", GgufValue.ofUint32(shape.vocab()));
        vocabulary(w, shape.vocab());
    }

    /** GGML's {@code general.file_type} for a model whose matrices are all of one type. */
    private static int fileType(GgmlType type) {
        return switch (type) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q8_0 -> 7;
            case Q4_K -> 14;
            case Q6_K -> 18;
            case BF16 -> 32;
            default -> throw new IllegalArgumentException("no file type for " + type);
        };
    }

    private static final int UNKNOWN = 2;
    private static final int CONTROL = 3;
    private static final int BYTE = 6;
    private static final int NORMAL = 1;

    /** A SentencePiece ("llama") vocabulary of exactly {@code size} distinct tokens. */
    private static void vocabulary(GgufWriter w, int size) {
        LinkedHashSet<String> pieces = new LinkedHashSet<>();
        pieces.add("▁");
        for (char c = 33; c < 127; c++) pieces.add(String.valueOf(c));
        String letters = "etaoinshrdlcumwfgypbvkjxqz";
        // Letter pieces, shortest first, with and without the word-start marker, until the vocabulary is full.
        for (int length = 1; pieces.size() < size; length++) {
            int[] digits = new int[length];
            do {
                StringBuilder sb = new StringBuilder();
                for (int d : digits) sb.append(letters.charAt(d));
                pieces.add("▁" + sb);
                pieces.add(sb.toString());
            } while (next(digits, letters.length()) && pieces.size() < size);
        }
        int n = size;
        String[] tokens = new String[n];
        float[] scores = new float[n];
        int[] types = new int[n];
        tokens[0] = "<unk>";
        types[0] = UNKNOWN;
        tokens[1] = "<s>";
        types[1] = CONTROL;
        tokens[2] = "</s>";
        types[2] = CONTROL;
        for (int b = 0; b < 256; b++) {
            tokens[3 + b] = String.format("<0x%02X>", b);
            types[3 + b] = BYTE;
        }
        var it = pieces.iterator();
        for (int i = 259; i < n; i++) {
            tokens[i] = it.next();
            types[i] = NORMAL;
            scores[i] = -(i - 259);
        }
        w.put("tokenizer.ggml.model", GgufValue.of("llama"));
        w.put("tokenizer.ggml.tokens", GgufValue.ofArray(tokens));
        w.put("tokenizer.ggml.scores", GgufValue.ofArray(scores));
        w.put("tokenizer.ggml.token_type", GgufValue.ofArray(types));
        w.put("tokenizer.ggml.bos_token_id", GgufValue.ofUint32(1));
        w.put("tokenizer.ggml.eos_token_id", GgufValue.ofUint32(2));
        w.put("tokenizer.ggml.unknown_token_id", GgufValue.ofUint32(0));
        w.put("tokenizer.ggml.add_bos_token", GgufValue.ofBool(true));
        w.put("tokenizer.ggml.add_eos_token", GgufValue.ofBool(false));
    }

    /** Advances a little-endian counter of {@code base}-valued digits; false once it wraps around. */
    private static boolean next(int[] digits, int base) {
        for (int i = digits.length - 1; i >= 0; i--) {
            if (++digits[i] < base) return true;
            digits[i] = 0;
        }
        return false;
    }
}
