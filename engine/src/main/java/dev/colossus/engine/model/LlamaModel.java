package dev.colossus.engine.model;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufTensor;
import dev.colossus.engine.tensor.Parallel;
import dev.colossus.engine.tensor.VectorMath;
import dev.colossus.engine.tensor.WeightMatrices;
import dev.colossus.engine.tensor.WeightMatrix;

import java.lang.foreign.Arena;

/**
 * A llama-family transformer ({@link Architecture}) over the weights of a memory-mapped GGUF file: the matrices are
 * read in place, only the small norm and bias vectors are copied. {@link #forward} runs a {@link Batch} of rows from
 * any number of sequences through all layers at once, so prompt prefill and the decode steps of concurrent sessions
 * each read every weight once per pass.
 * <p>Thread safety: the weights are immutable; one {@link Workspace} must not be used by two forward passes at once.
 * Passes on separate workspaces may run concurrently (they share the thread pool, one parallel job at a time).
 */
public final class LlamaModel {

    private record Layer(float[] attnNorm, WeightMatrix wq, WeightMatrix wk, WeightMatrix wv, float[] bq, float[] bk,
                         float[] bv, WeightMatrix wo, float[] ffnNorm, WeightMatrix gate, WeightMatrix up,
                         WeightMatrix down) {
        /** The products that share an input, each group run as one parallel job. */
        WeightMatrix[] qkv() {
            return new WeightMatrix[] {wq, wk, wv};
        }

        WeightMatrix[] gateUp() {
            return new WeightMatrix[] {gate, up};
        }
    }

    private final ModelConfig config;
    private final Parallel pool;
    private final WeightMatrix tokenEmbedding;
    private final Layer[] layers;
    private final float[] outputNorm;
    private final WeightMatrix output;
    private final Rope rope;

    private LlamaModel(ModelConfig config, Parallel pool, WeightMatrix tokenEmbedding, Layer[] layers,
                       float[] outputNorm, WeightMatrix output, Rope rope) {
        this.config = config;
        this.pool = pool;
        this.tokenEmbedding = tokenEmbedding;
        this.layers = layers;
        this.outputNorm = outputNorm;
        this.output = output;
        this.rope = rope;
    }

    /** {@link #load(GgufFile, Parallel, Arena)} with repacked weights freed by the garbage collector. */
    public static LlamaModel load(GgufFile gguf, Parallel pool) {
        return load(gguf, pool, Arena.ofAuto());
    }

    /**
     * Builds the model from a GGUF file that stays open as long as the model is used; weights that are repacked
     * for faster kernels (see {@link WeightMatrices#of(GgufTensor, Arena)}) live in {@code arena}, which must stay
     * open as long as the model is used and be shared between threads.
     *
     * @throws UnsupportedModelException when the architecture, a tensor type or a tensor's shape is not supported
     */
    public static LlamaModel load(GgufFile gguf, Parallel pool, Arena arena) {
        ModelConfig c = ModelConfig.fromGguf(gguf);
        Loader in = new Loader(gguf, arena);
        WeightMatrix embedding = in.matrix("token_embd.weight", c.dim(), -1);
        if (c.vocabSize() != embedding.rows()) {
            throw new UnsupportedModelException("token_embd.weight has " + embedding.rows()
                    + " rows but the vocabulary has " + c.vocabSize() + " tokens");
        }
        Layer[] layers = new Layer[c.layers()];
        boolean biases = c.architecture() == Architecture.QWEN2;
        for (int l = 0; l < layers.length; l++) {
            String p = "blk." + l + ".";
            layers[l] = new Layer(
                    in.vector(p + "attn_norm.weight", c.dim()),
                    in.matrix(p + "attn_q.weight", c.dim(), c.queryDim()),
                    in.matrix(p + "attn_k.weight", c.dim(), c.kvDim()),
                    in.matrix(p + "attn_v.weight", c.dim(), c.kvDim()),
                    biases ? in.vector(p + "attn_q.bias", c.queryDim()) : in.optionalVector(p + "attn_q.bias", c.queryDim()),
                    biases ? in.vector(p + "attn_k.bias", c.kvDim()) : in.optionalVector(p + "attn_k.bias", c.kvDim()),
                    biases ? in.vector(p + "attn_v.bias", c.kvDim()) : in.optionalVector(p + "attn_v.bias", c.kvDim()),
                    in.matrix(p + "attn_output.weight", c.queryDim(), c.dim()),
                    in.vector(p + "ffn_norm.weight", c.dim()),
                    in.matrix(p + "ffn_gate.weight", c.dim(), c.ffnDim()),
                    in.matrix(p + "ffn_up.weight", c.dim(), c.ffnDim()),
                    in.matrix(p + "ffn_down.weight", c.ffnDim(), c.dim()));
        }
        WeightMatrix output = gguf.hasTensor("output.weight")
                ? in.matrix("output.weight", c.dim(), c.vocabSize()) : embedding; // tied embeddings
        float[] freqFactors = in.optionalVector("rope_freqs.weight", c.ropeDims() / 2);
        Rope rope = new Rope(c.ropeDims(), c.ropeBase(), c.ropeFreqScale(), c.architecture().neoxRope(), freqFactors);
        return new LlamaModel(c, pool, embedding, layers, in.vector("output_norm.weight", c.dim()), output, rope);
    }

    public ModelConfig config() {
        return config;
    }

    /** A workspace for batches of up to {@code rows} rows (it grows when a larger batch comes). */
    public Workspace newWorkspace(int rows) {
        return new Workspace(config, pool.threads(), rows);
    }

    /**
     * Runs the batch: writes each row's keys and values into its sequence's cache and, for the rows that asked for
     * them, the logits into {@link Workspace#logits()} ({@code vocabSize} floats per row, in request order).
     *
     * @throws IllegalArgumentException when a position is beyond a cache's capacity or a token is out of range
     */
    public void forward(Batch batch, Workspace ws) {
        int n = batch.size;
        if (n == 0) return;
        ModelConfig c = config;
        for (int b = 0; b < n; b++) {
            int token = batch.tokens[b];
            if (token < 0 || token >= c.vocabSize()) {
                throw new IllegalArgumentException("token id " + token + " is outside the vocabulary (0.."
                        + (c.vocabSize() - 1) + ")");
            }
            batch.caches[b].ensureCapacity(batch.positions[b] + 1);
        }
        ws.ensure(n, batch.logitCount);
        int dim = c.dim(), qDim = c.queryDim(), kvDim = c.kvDim(), hd = c.headDim(), ff = c.ffnDim();
        int pairs = rope.pairs();
        for (int b = 0; b < n; b++) {
            tokenEmbedding.dequantizeRow(batch.tokens[b], ws.x, b * dim);
            rope.angles(batch.positions[b], ws.cos, ws.sin, b * pairs);
        }
        for (int l = 0; l < layers.length; l++) {
            Layer layer = layers[l];
            for (int b = 0; b < n; b++) VectorMath.rmsNorm(ws.xb, b * dim, ws.x, b * dim, layer.attnNorm, dim, c.rmsEps());
            pool.matmul(layer.qkv(), ws.xb, n, new float[][] {ws.q, ws.k, ws.v});
            for (int b = 0; b < n; b++) {
                if (layer.bq != null) VectorMath.add(ws.q, b * qDim, layer.bq, 0, qDim);
                if (layer.bk != null) VectorMath.add(ws.k, b * kvDim, layer.bk, 0, kvDim);
                if (layer.bv != null) VectorMath.add(ws.v, b * kvDim, layer.bv, 0, kvDim);
                rope.apply(ws.q, b * qDim, c.heads(), hd, ws.cos, ws.sin, b * pairs);
                rope.apply(ws.k, b * kvDim, c.kvHeads(), hd, ws.cos, ws.sin, b * pairs);
                KvCache cache = batch.caches[b];
                int at = batch.positions[b] * kvDim;
                System.arraycopy(ws.k, b * kvDim, cache.keys[l], at, kvDim);
                System.arraycopy(ws.v, b * kvDim, cache.values[l], at, kvDim);
            }
            attention(l, batch, ws);
            pool.matmul(layer.wo, ws.att, n, ws.xb);
            VectorMath.add(ws.x, 0, ws.xb, 0, n * dim);
            for (int b = 0; b < n; b++) VectorMath.rmsNorm(ws.xb, b * dim, ws.x, b * dim, layer.ffnNorm, dim, c.rmsEps());
            pool.matmul(layer.gateUp(), ws.xb, n, new float[][] {ws.gate, ws.up});
            VectorMath.swiglu(ws.gate, ws.up, 0, n * ff);
            pool.matmul(layer.down, ws.gate, n, ws.xb);
            VectorMath.add(ws.x, 0, ws.xb, 0, n * dim);
        }
        int nl = batch.logitCount;
        for (int i = 0; i < nl; i++) {
            VectorMath.rmsNorm(ws.xb, i * dim, ws.x, batch.logitRows[i] * dim, outputNorm, dim, c.rmsEps());
        }
        if (nl > 0) pool.matmul(output, ws.xb, nl, ws.logits);
    }

    /**
     * Causal attention of every row of the batch, one task per row and key/value head: the query heads that share a
     * key/value head (grouped-query attention) read its keys and values once.
     */
    private void attention(int layer, Batch batch, Workspace ws) {
        ModelConfig c = config;
        int kvHeads = c.kvHeads(), hd = c.headDim(), qDim = c.queryDim(), kvDim = c.kvDim();
        int group = c.heads() / kvHeads;
        float scale = (float) (1.0 / Math.sqrt(hd));
        pool.forRange(batch.size * kvHeads, (worker, start, end) -> {
            for (int task = start; task < end; task++) {
                int b = task / kvHeads, kh = task % kvHeads;
                int positions = batch.positions[b] + 1;
                float[] keys = batch.caches[b].keys[layer];
                float[] values = batch.caches[b].values[layer];
                float[] scores = ws.scores(worker, group * positions);
                int kvo = kh * hd;
                int q0 = b * qDim + kh * group * hd;
                for (int t = 0; t < positions; t++) {
                    for (int g = 0; g < group; g++) {
                        scores[g * positions + t] = VectorMath.dot(ws.q, q0 + g * hd, keys, t * kvDim + kvo, hd) * scale;
                    }
                }
                for (int g = 0; g < group; g++) {
                    VectorMath.softmax(scores, g * positions, positions);
                    VectorMath.weightedSum(scores, g * positions, positions, values, kvo, kvDim, hd, ws.att, q0 + g * hd);
                }
            }
        });
    }

    /** Per-pass scratch buffers, sized for a number of rows; reused across passes. Not thread-safe. */
    public static final class Workspace {
        private final ModelConfig c;
        private final float[][] scores;
        private int rows = -1;
        private int logitRows = -1;
        float[] x, xb, q, k, v, att, gate, up, cos, sin, logits;

        Workspace(ModelConfig c, int threads, int rows) {
            this.c = c;
            this.scores = new float[threads][0];
            ensure(rows, 1);
        }

        void ensure(int n, int nLogits) {
            if (n > rows) {
                rows = n;
                x = new float[n * c.dim()];
                xb = new float[n * c.dim()];
                q = new float[n * c.queryDim()];
                att = new float[n * c.queryDim()];
                k = new float[n * c.kvDim()];
                v = new float[n * c.kvDim()];
                gate = new float[n * c.ffnDim()];
                up = new float[n * c.ffnDim()];
                cos = new float[n * Math.max(1, c.ropeDims() / 2)];
                sin = new float[cos.length];
            }
            if (nLogits > logitRows) {
                logitRows = nLogits;
                logits = new float[nLogits * c.vocabSize()];
            }
        }

        float[] scores(int worker, int positions) {
            if (scores[worker].length < positions) scores[worker] = new float[Math.max(positions, 256)];
            return scores[worker];
        }

        /** The logits of the last pass: row {@code i}'s at {@code [i * vocabSize, (i+1) * vocabSize)}. */
        public float[] logits() {
            return logits;
        }
    }

    /** Reads and checks tensors. */
    private record Loader(GgufFile gguf, Arena arena) {
        WeightMatrix matrix(String name, int cols, int rows) {
            if (!gguf.hasTensor(name)) throw new UnsupportedModelException("the model has no tensor " + name);
            GgufTensor t = gguf.tensor(name);
            if (t.dim(0) != cols || (rows >= 0 && t.dim(1) != rows)) {
                throw new UnsupportedModelException("tensor " + name + " has shape " + java.util.Arrays.toString(t.ne())
                        + ", expected [" + cols + ", " + (rows < 0 ? "n" : rows) + "]");
            }
            try {
                return WeightMatrices.of(t, arena);
            } catch (RuntimeException e) {
                throw new UnsupportedModelException(e.getMessage());
            }
        }

        float[] vector(String name, int length) {
            WeightMatrix m = matrix(name, length, 1);
            float[] v = new float[length];
            m.dequantizeRow(0, v, 0);
            return v;
        }

        float[] optionalVector(String name, int length) {
            return gguf.hasTensor(name) ? vector(name, length) : null;
        }
    }
}
