package dev.colossus.engine.model;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufValue;
import dev.colossus.engine.gguf.GgufWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small random-weight model of one architecture with F32 weights, for the variants the shared fixtures do not
 * cover. The same spec and seed always give the same bytes (the normals come from {@link SplittableRandom} by
 * Box-Muller), so outputs computed once by llama.cpp on the written file stay valid. The vocabulary is
 * stories260K's 512 SentencePiece tokens, copied from that fixture.
 *
 * @param extra more {@code <arch>.*} metadata (key without the prefix: Integer, Float or String values)
 * @param ropeFreqs write a {@code rope_freqs.weight} tensor of random factors in [1, 8) (Llama 3.x RoPE scaling)
 * @param fusedQkv  Q, K and V (and Qwen2's biases) in one {@code attn_qkv} tensor
 */
record VariantModel(String arch, int dim, int layers, int heads, int kvHeads, int headDim, int ffn, int ropeDims,
                    Map<String, Object> extra, boolean ropeFreqs, boolean fusedQkv, long seed) {

    void write(Path vocabularyFile, Path out) throws IOException {
        GgufWriter w = new GgufWriter();
        String p = arch + ".";
        w.put("general.architecture", GgufValue.of(arch));
        w.put(p + "context_length", GgufValue.ofUint32(512));
        w.put(p + "embedding_length", GgufValue.ofUint32(dim));
        w.put(p + "block_count", GgufValue.ofUint32(layers));
        w.put(p + "feed_forward_length", GgufValue.ofUint32(ffn));
        w.put(p + "attention.head_count", GgufValue.ofUint32(heads));
        w.put(p + "attention.head_count_kv", GgufValue.ofUint32(kvHeads));
        w.put(p + "attention.key_length", GgufValue.ofUint32(headDim));
        w.put(p + "attention.value_length", GgufValue.ofUint32(headDim));
        w.put(p + "rope.dimension_count", GgufValue.ofUint32(ropeDims));
        w.put(p + "attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(1e-6f));
        new java.util.TreeMap<>(extra).forEach((key, value) -> w.put(p + key, switch (value) {
            case Integer i -> GgufValue.ofUint32(i);
            case Float f -> GgufValue.ofFloat32(f);
            case String s -> GgufValue.of(s);
            default -> throw new IllegalArgumentException("metadata value " + value);
        }));
        int vocab;
        try (GgufFile source = GgufFile.open(vocabularyFile)) {
            source.metadata().forEach((key, value) -> {
                if (key.startsWith("tokenizer.")) w.put(key, value);
            });
            vocab = source.getArray("tokenizer.ggml.tokens", String[].class).length;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int qDim = heads * headDim, kvDim = kvHeads * headDim;
        Map<String, long[]> tensors = new LinkedHashMap<>();
        tensors.put("token_embd.weight", new long[] {dim, vocab});
        tensors.put("output_norm.weight", new long[] {dim});
        if (!arch.equals("gemma2")) tensors.put("output.weight", new long[] {dim, vocab}); // gemma2: always tied
        if (ropeFreqs) tensors.put("rope_freqs.weight", new long[] {ropeDims / 2});
        boolean gemma = arch.startsWith("gemma");
        for (int l = 0; l < layers; l++) {
            String b = "blk." + l + ".";
            tensors.put(b + "attn_norm.weight", new long[] {dim});
            boolean biases = arch.equals("qwen2");
            if (fusedQkv) {
                tensors.put(b + "attn_qkv.weight", new long[] {dim, qDim + 2L * kvDim});
                if (biases) tensors.put(b + "attn_qkv.bias", new long[] {qDim + 2L * kvDim});
            } else {
                for (String t : new String[] {"q", "k", "v"}) {
                    int rows = t.equals("q") ? qDim : kvDim;
                    tensors.put(b + "attn_" + t + ".weight", new long[] {dim, rows});
                    if (biases) tensors.put(b + "attn_" + t + ".bias", new long[] {rows});
                }
            }
            if (arch.equals("gemma3") || arch.equals("qwen3")) {
                tensors.put(b + "attn_q_norm.weight", new long[] {headDim});
                tensors.put(b + "attn_k_norm.weight", new long[] {headDim});
            }
            tensors.put(b + "attn_output.weight", new long[] {qDim, dim});
            if (gemma) tensors.put(b + "post_attention_norm.weight", new long[] {dim});
            tensors.put(b + "ffn_norm.weight", new long[] {dim});
            if (arch.equals("phi3")) {
                tensors.put(b + "ffn_up.weight", new long[] {dim, 2L * ffn});
            } else {
                tensors.put(b + "ffn_gate.weight", new long[] {dim, ffn});
                tensors.put(b + "ffn_up.weight", new long[] {dim, ffn});
            }
            tensors.put(b + "ffn_down.weight", new long[] {ffn, dim});
            if (gemma) tensors.put(b + "post_ffw_norm.weight", new long[] {dim});
        }
        tensors.forEach((name, ne) -> {
            int n = Math.toIntExact(ne.length == 1 ? ne[0] : ne[0] * ne[1]);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = name.equals("rope_freqs.weight") ? (float) (1 + 7 * random.nextDouble())
                        : name.endsWith(".bias") ? (float) (0.5 * normal(random))
                        : ne.length == 1 ? (float) (1 + 0.1 * normal(random))
                        : (float) (normal(random) * (name.startsWith("token_embd") ? 0.5 : 0.3));
            }
            w.addTensor(name, ne, values);
        });
        w.write(out);
    }

    private static double normal(SplittableRandom random) {
        double u = 1 - random.nextDouble(), v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
