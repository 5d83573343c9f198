package dev.colossus.train.model;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufTensor;
import dev.colossus.engine.tensor.WeightMatrices;
import dev.colossus.engine.tensor.WeightMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The float32 tensors of a llama model (or gradients, or optimizer moments shaped like them), by GGUF name, in the
 * order llama.cpp's converter writes them: {@code token_embd.weight}, {@code output_norm.weight},
 * {@code output.weight} (absent when {@link LlamaShape#tiedEmbeddings()}), then for each block {@code N}
 * {@code blk.N.attn_norm.weight}, {@code attn_q}, {@code attn_k}, {@code attn_v}, {@code attn_output},
 * {@code ffn_norm}, {@code ffn_gate}, {@code ffn_up}, {@code ffn_down}.
 * <p>Each tensor is one {@code float[]} in GGUF element order: {@code ne[0]} is the contiguous dimension, so a
 * matrix of {@code ne = [in, out]} holds {@code out} rows of {@code in} floats (the projection {@code y = W x}).
 * <p>Thread safety: the arrays are shared and mutable; callers coordinate their writes.
 */
public final class Parameters {

    /**
     * One tensor.
     *
     * @param name GGUF name
     * @param ne   GGUF dimensions, {@code ne[0]} contiguous (one entry for vectors, two for matrices)
     * @param data the {@code ne[0] * ne[1]} floats
     */
    public record Tensor(String name, int[] ne, float[] data) {
        /** True for matrices, the tensors that AdamW's weight decay applies to. */
        public boolean isMatrix() {
            return ne.length >= 2;
        }

        /** Sum of squares of the elements, in double. */
        public double squaredNorm() {
            double s = 0;
            for (float v : data) s += (double) v * v;
            return s;
        }
    }

    private final LlamaShape shape;
    private final Map<String, Tensor> byName;
    private final List<Tensor> tensors;

    private Parameters(LlamaShape shape, List<Tensor> tensors) {
        this.shape = shape;
        this.tensors = Collections.unmodifiableList(tensors);
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Tensor t : tensors) m.put(t.name(), t);
        this.byName = Collections.unmodifiableMap(m);
    }

    /** The GGUF names and dimensions of a model of this shape, in GGUF order. */
    public static Map<String, int[]> layout(LlamaShape s) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("token_embd.weight", new int[]{s.dim(), s.vocab()});
        m.put("output_norm.weight", new int[]{s.dim()});
        if (!s.tiedEmbeddings()) m.put("output.weight", new int[]{s.dim(), s.vocab()});
        for (int l = 0; l < s.layers(); l++) {
            String p = "blk." + l + ".";
            m.put(p + "attn_norm.weight", new int[]{s.dim()});
            m.put(p + "attn_q.weight", new int[]{s.dim(), s.dim()});
            m.put(p + "attn_k.weight", new int[]{s.dim(), s.kvDim()});
            m.put(p + "attn_v.weight", new int[]{s.dim(), s.kvDim()});
            m.put(p + "attn_output.weight", new int[]{s.dim(), s.dim()});
            m.put(p + "ffn_norm.weight", new int[]{s.dim()});
            m.put(p + "ffn_gate.weight", new int[]{s.dim(), s.ffn()});
            m.put(p + "ffn_up.weight", new int[]{s.dim(), s.ffn()});
            m.put(p + "ffn_down.weight", new int[]{s.ffn(), s.dim()});
        }
        return m;
    }

    /** All tensors zero. */
    public static Parameters zeros(LlamaShape shape) {
        return zeros(shape, layout(shape));
    }

    /**
     * Zero tensors of other names and dimensions that belong to a model of {@code shape}, in the map's order: values
     * trained beside a frozen model, such as low-rank adapters.
     *
     * @throws IllegalArgumentException when a tensor has no dimensions or more than {@code Integer.MAX_VALUE} elements
     */
    public static Parameters zeros(LlamaShape shape, Map<String, int[]> layout) {
        List<Tensor> list = new ArrayList<>();
        layout.forEach((name, ne) -> {
            if (ne.length == 0) throw new IllegalArgumentException("tensor " + name + " has no dimensions");
            list.add(new Tensor(name, ne.clone(), new float[elements(ne)]));
        });
        return new Parameters(shape, list);
    }

    /** Zero tensors of the same names and shapes as {@code like}: gradients, or optimizer moments. */
    public static Parameters zerosLike(Parameters like) {
        return zeros(like.shape, like.layout());
    }

    /**
     * A fresh model: norms at 1, other tensors normal with standard deviation 0.02 ({@code attn_output} and
     * {@code ffn_down} scaled by {@code 1/sqrt(2 * layers)}, as GPT-2 does). The values depend only on the seed and
     * each tensor's name, so the same seed gives the same model on every machine.
     */
    public static Parameters initialize(LlamaShape shape, long seed) {
        Parameters p = zeros(shape);
        double residualStd = 0.02 / Math.sqrt(2.0 * shape.layers());
        for (Tensor t : p.tensors) {
            if (!t.isMatrix()) {
                Arrays.fill(t.data(), 1f);
                continue;
            }
            boolean residual = t.name().endsWith("attn_output.weight") || t.name().endsWith("ffn_down.weight");
            double std = residual ? residualStd : 0.02;
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + t.name().hashCode());
            float[] d = t.data();
            for (int i = 0; i < d.length; i++) d[i] = (float) (random.nextGaussian() * std);
        }
        return p;
    }

    /**
     * The weights of an open GGUF file, dequantized to float from any type the engine reads (F32, F16, BF16, Q8_0,
     * Q4_0, Q4_K, Q6_K).
     *
     * @throws IllegalArgumentException when the model is not a trainable llama model, a tensor is missing or has
     *                                  other dimensions than the metadata imply, or its type is not supported
     */
    public static Parameters fromGguf(GgufFile gguf) {
        LlamaShape shape = LlamaShape.fromGguf(gguf);
        Parameters p = zeros(shape);
        for (Tensor t : p.tensors) {
            if (!gguf.hasTensor(t.name())) throw new IllegalArgumentException("tensor " + t.name() + " is missing");
            GgufTensor g = gguf.tensor(t.name());
            long[] expected = Arrays.stream(t.ne()).asLongStream().toArray();
            long[] actual = Arrays.copyOf(g.ne(), Math.max(g.ne().length, expected.length));
            for (int i = g.ne().length; i < actual.length; i++) actual[i] = 1;
            if (!Arrays.equals(Arrays.copyOf(actual, expected.length), expected) || g.elements() != t.data().length) {
                throw new IllegalArgumentException("tensor " + t.name() + " has dimensions " + Arrays.toString(g.ne())
                        + ", expected " + Arrays.toString(t.ne()));
            }
            WeightMatrix w;
            try {
                w = WeightMatrices.of(g);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            for (int r = 0; r < w.rows(); r++) w.dequantizeRow(r, t.data(), r * w.cols());
        }
        return p;
    }

    public LlamaShape shape() {
        return shape;
    }

    /** The names and dimensions of the tensors, in order (a new map). */
    public Map<String, int[]> layout() {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Tensor t : tensors) m.put(t.name(), t.ne().clone());
        return m;
    }

    /** True when {@code other} belongs to a model of the same shape and has the same tensor names and dimensions. */
    public boolean sameLayout(Parameters other) {
        if (!other.shape.equals(shape) || other.tensors.size() != tensors.size()) return false;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor a = tensors.get(i), b = other.tensors.get(i);
            if (!a.name().equals(b.name()) || !Arrays.equals(a.ne(), b.ne())) return false;
        }
        return true;
    }

    /** The tensors in GGUF order (unmodifiable list; the arrays are live). */
    public List<Tensor> tensors() {
        return tensors;
    }

    /**
     * The tensor named {@code name}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public Tensor tensor(String name) {
        Tensor t = byName.get(name);
        if (t == null) throw new IllegalArgumentException("no tensor " + name);
        return t;
    }

    /** The data of tensor {@code name}; see {@link #tensor}. */
    public float[] data(String name) {
        return tensor(name).data();
    }

    /** Sets every element to zero (gradients before a step). */
    public void zero() {
        for (Tensor t : tensors) Arrays.fill(t.data(), 0f);
    }

    /** Copies every tensor of {@code from}, which must have the same {@linkplain #sameLayout layout}. */
    public void copyFrom(Parameters from) {
        if (!from.shape.equals(shape)) throw new IllegalArgumentException("shapes differ: " + from.shape + " vs " + shape);
        if (!sameLayout(from)) throw new IllegalArgumentException("the tensors differ in names or dimensions");
        for (int i = 0; i < tensors.size(); i++) {
            System.arraycopy(from.tensors.get(i).data(), 0, tensors.get(i).data(), 0, tensors.get(i).data().length);
        }
    }

    /** Number of floats over all tensors. */
    public long count() {
        long n = 0;
        for (Tensor t : tensors) n += t.data().length;
        return n;
    }

    private static int elements(int[] ne) {
        long n = 1;
        for (int d : ne) n *= d;
        return Math.toIntExact(n);
    }
}
