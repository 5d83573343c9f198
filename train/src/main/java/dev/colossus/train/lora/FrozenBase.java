package dev.colossus.train.lora;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufTensor;
import dev.colossus.engine.tensor.WeightMatrices;
import dev.colossus.engine.tensor.WeightMatrix;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.Parameters;

import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The weights of a llama GGUF file kept as they are stored (F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K): every matrix
 * is an engine {@link WeightMatrix} over the memory-mapped file (Q8_0 and Q4_0 repacked once, as many bytes as the
 * file's), only the norm weights are held as floats. Nothing of it is trained.
 * <p>Closing it unmaps the file; the matrices must not be used afterwards.
 * <p>Thread safety: immutable once built; matrices may be read by many threads.
 */
public final class FrozenBase implements AutoCloseable {
    private final GgufFile gguf;
    private final Arena arena;
    private final LlamaShape shape;
    private final Map<String, WeightMatrix> matrices = new HashMap<>();
    private final Map<String, float[]> vectors = new HashMap<>();

    /**
     * Reads the weights of {@code gguf}, which this object then owns (and closes).
     *
     * @throws IllegalArgumentException when the model is not a trainable llama model, a tensor is missing, has other
     *                                  dimensions than the metadata imply, or has a type the engine cannot multiply
     */
    public FrozenBase(GgufFile gguf) {
        this.gguf = gguf;
        this.arena = Arena.ofShared();
        try {
            this.shape = LlamaShape.fromGguf(gguf);
            for (Map.Entry<String, int[]> e : Parameters.layout(shape).entrySet()) {
                String name = e.getKey();
                int[] ne = e.getValue();
                if (!gguf.hasTensor(name)) throw new IllegalArgumentException("tensor " + name + " is missing");
                GgufTensor t = gguf.tensor(name);
                int cols = ne[0], rows = ne.length > 1 ? ne[1] : 1;
                WeightMatrix w;
                try {
                    w = WeightMatrices.of(t, arena);
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException(ex.getMessage(), ex);
                }
                if (w.rows() != rows || w.cols() != cols) {
                    throw new IllegalArgumentException("tensor " + name + " has dimensions " + Arrays.toString(t.ne())
                            + ", expected " + Arrays.toString(ne));
                }
                if (ne.length == 1) {
                    float[] v = new float[cols];
                    w.dequantizeRow(0, v, 0);
                    vectors.put(name, v);
                } else {
                    matrices.put(name, w);
                }
            }
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public LlamaShape shape() {
        return shape;
    }

    /** The file the weights are read from (its metadata: tokenizer, chat template). */
    public GgufFile file() {
        return gguf;
    }

    /**
     * The matrix {@code name} in its stored type.
     *
     * @throws IllegalArgumentException when there is no such matrix
     */
    public WeightMatrix matrix(String name) {
        WeightMatrix w = matrices.get(name);
        if (w == null) throw new IllegalArgumentException("no matrix " + name);
        return w;
    }

    /**
     * The vector (norm weight) {@code name}, as floats; callers must not modify it.
     *
     * @throws IllegalArgumentException when there is no such vector
     */
    public float[] vector(String name) {
        float[] v = vectors.get(name);
        if (v == null) throw new IllegalArgumentException("no vector " + name);
        return v;
    }

    @Override
    public void close() {
        arena.close();
        gguf.close();
    }
}
