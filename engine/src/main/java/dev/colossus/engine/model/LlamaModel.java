package dev.colossus.engine.model;

import dev.colossus.engine.gguf.GgufFile;
import dev.colossus.engine.gguf.GgufTensor;
import dev.colossus.engine.tensor.Parallel;
import dev.colossus.engine.tensor.VectorMath;
import dev.colossus.engine.tensor.WeightMatrices;
import dev.colossus.engine.tensor.WeightMatrix;

import java.lang.foreign.Arena;

/**
 * A decoder-only transformer of any supported {@link Architecture} (Llama, Qwen2/3, Gemma 2/3, Phi-3) over the
 * weights of a memory-mapped GGUF file: the matrices are read in place (fused projections as row ranges of their
 * tensor), only the small norm and bias vectors are copied. What the architectures do differently is data read at
 * load time (optional per-layer tensors, a per-layer attention window and RoPE, the activation, soft-caps), so the
 * pass below is one code path for all of them. {@link #forward} runs a {@link Batch} of rows from
 * any number of sequences through all layers at once, so prompt prefill and the decode steps of concurrent sessions
 * each read every weight once per pass.
 * <p>Thread safety: the weights are immutable; one {@link Workspace} must not be used by two forward passes at once.
 * Passes on separate workspaces may run concurrently (they share the thread pool, one parallel job at a time).
 */
public final class LlamaModel {

    /**
     * One transformer block. Optional parts are null where the architecture has none: Q/K/V biases (Qwen2), per-head
     * query and key norms (Qwen3, Gemma 3), norms of the attention and feed-forward outputs (Gemma).
     *
     * @param window how many positions the layer attends to, the current one included ({@link Integer#MAX_VALUE}:
     *               all)
     * @param rope   index of the layer's RoPE in {@link #ropes}
     */
    private record Layer(float[] attnNorm, WeightMatrix wq, WeightMatrix wk, WeightMatrix wv, float[] bq, float[] bk,
                         float[] bv, float[] qNorm, float[] kNorm, WeightMatrix wo, float[] postAttnNorm,
                         float[] ffnNorm, WeightMatrix gate, WeightMatrix up, WeightMatrix down, float[] postFfnNorm,
                         int window, int rope) {
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
    /** The global layers' RoPE, then the local layers' when it differs. */
    private final Rope[] ropes;

    private LlamaModel(ModelConfig config, Parallel pool, WeightMatrix tokenEmbedding, Layer[] layers,
                       float[] outputNorm, WeightMatrix output, Rope[] ropes) {
        this.config = config;
        this.pool = pool;
        this.tokenEmbedding = tokenEmbedding;
        this.layers = layers;
        this.outputNorm = outputNorm;
        this.output = output;
        this.ropes = ropes;
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
        Architecture arch = c.architecture();
        if (c.ropeDims() <= 0 || c.ropeDims() > c.headDim() || c.ropeDims() % 2 != 0) {
            throw new UnsupportedModelException("rope.dimension_count " + c.ropeDims()
                    + " must be even and at most the head size " + c.headDim());
        }
        if (gguf.hasTensor("rope_factors_long.weight")) {
            throw new UnsupportedModelException("LongRoPE (rope_factors_long/rope_factors_short, as in Phi-3.5 and"
                    + " Phi-4-mini) is not supported");
        }
        Loader in = new Loader(gguf, arena);
        WeightMatrix embedding = in.matrix("token_embd.weight", c.dim(), -1);
        if (c.vocabSize() != embedding.rows()) {
            throw new UnsupportedModelException("token_embd.weight has " + embedding.rows()
                    + " rows but the vocabulary has " + c.vocabSize() + " tokens");
        }
        float[] freqFactors = in.optionalVector("rope_freqs.weight", c.ropeDims() / 2);
        Rope global = new Rope(c.ropeDims(), c.ropeBase(), c.ropeFreqScale(), arch.neoxRope(), freqFactors);
        boolean localRope = c.slidingWindow() > 0 && (c.localRopeBase() != c.ropeBase() || c.ropeFreqScale() != 1f);
        Rope[] ropes = localRope
                ? new Rope[] {global, new Rope(c.ropeDims(), c.localRopeBase(), 1f, arch.neoxRope(), freqFactors)}
                : new Rope[] {global};
        Architecture.Extras extras = arch.extras;
        int qDim = c.queryDim(), kvDim = c.kvDim(), dim = c.dim(), ff = c.ffnDim();
        Layer[] layers = new Layer[c.layers()];
        for (int l = 0; l < layers.length; l++) {
            String p = "blk." + l + ".";
            String fused = p + "attn_qkv.weight";
            WeightMatrix[] qkv = gguf.hasTensor(fused) ? in.split(fused, dim, qDim, kvDim, kvDim)
                    : new WeightMatrix[] {in.matrix(p + "attn_q.weight", dim, qDim),
                            in.matrix(p + "attn_k.weight", dim, kvDim), in.matrix(p + "attn_v.weight", dim, kvDim)};
            float[][] qkvBias = in.biases(p, qDim, kvDim, extras.qkvBias);
            WeightMatrix[] gateUp = switch (arch.gateUp) {
                case SEPARATE -> new WeightMatrix[] {in.matrix(p + "ffn_gate.weight", dim, ff),
                        in.matrix(p + "ffn_up.weight", dim, ff)};
                case FUSED -> in.split(p + "ffn_up.weight", dim, ff, ff);
            };
            boolean local = c.isLocal(l);
            layers[l] = new Layer(
                    in.vector(p + "attn_norm.weight", dim),
                    qkv[0], qkv[1], qkv[2],
                    qkvBias[0], qkvBias[1], qkvBias[2],
                    in.vector(p + "attn_q_norm.weight", c.headDim(), extras.qkNorm),
                    in.vector(p + "attn_k_norm.weight", c.headDim(), extras.qkNorm),
                    in.matrix(p + "attn_output.weight", qDim, dim),
                    extras.gemmaLayer ? in.vector(p + "post_attention_norm.weight", dim) : null,
                    in.vector(p + "ffn_norm.weight", dim),
                    gateUp[0], gateUp[1],
                    in.matrix(p + "ffn_down.weight", ff, dim),
                    extras.gemmaLayer ? in.vector(p + "post_ffw_norm.weight", dim) : null,
                    local ? c.slidingWindow() : Integer.MAX_VALUE,
                    local && localRope ? 1 : 0);
        }
        WeightMatrix output = gguf.hasTensor("output.weight")
                ? in.matrix("output.weight", dim, c.vocabSize()) : embedding; // tied embeddings
        return new LlamaModel(c, pool, embedding, layers, in.vector("output_norm.weight", dim), output, ropes);
    }

    public ModelConfig config() {
        return config;
    }

    /** A workspace for batches of up to {@code rows} rows (it grows when a larger batch comes). */
    public Workspace newWorkspace(int rows) {
        return new Workspace(config, pool.threads(), ropes.length, rows);
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
        float eps = c.rmsEps();
        int pairs = ropes[0].pairs();
        for (int b = 0; b < n; b++) {
            tokenEmbedding.dequantizeRow(batch.tokens[b], ws.x, b * dim);
            if (c.embeddingScale() != 1f) {
                for (int i = b * dim; i < (b + 1) * dim; i++) ws.x[i] *= c.embeddingScale();
            }
            for (int r = 0; r < ropes.length; r++) ropes[r].angles(batch.positions[b], ws.cos[r], ws.sin[r], b * pairs);
        }
        Activation activation = c.architecture().activation;
        for (int l = 0; l < layers.length; l++) {
            Layer layer = layers[l];
            for (int b = 0; b < n; b++) VectorMath.rmsNorm(ws.xb, b * dim, ws.x, b * dim, layer.attnNorm, dim, eps);
            pool.matmul(layer.qkv(), ws.xb, n, new float[][] {ws.q, ws.k, ws.v});
            Rope rope = ropes[layer.rope];
            float[] cos = ws.cos[layer.rope], sin = ws.sin[layer.rope];
            for (int b = 0; b < n; b++) {
                if (layer.bq != null) VectorMath.add(ws.q, b * qDim, layer.bq, 0, qDim);
                if (layer.bk != null) VectorMath.add(ws.k, b * kvDim, layer.bk, 0, kvDim);
                if (layer.bv != null) VectorMath.add(ws.v, b * kvDim, layer.bv, 0, kvDim);
                if (layer.qNorm != null) normalizeHeads(ws.q, b * qDim, c.heads(), layer.qNorm, hd, eps);
                if (layer.kNorm != null) normalizeHeads(ws.k, b * kvDim, c.kvHeads(), layer.kNorm, hd, eps);
                rope.apply(ws.q, b * qDim, c.heads(), hd, cos, sin, b * pairs);
                rope.apply(ws.k, b * kvDim, c.kvHeads(), hd, cos, sin, b * pairs);
                KvCache cache = batch.caches[b];
                int at = batch.positions[b] * kvDim;
                System.arraycopy(ws.k, b * kvDim, cache.keys[l], at, kvDim);
                System.arraycopy(ws.v, b * kvDim, cache.values[l], at, kvDim);
            }
            attention(l, layer.window, batch, ws);
            pool.matmul(layer.wo, ws.att, n, ws.xb);
            if (layer.postAttnNorm != null) normalizeRows(ws.xb, n, layer.postAttnNorm, dim, eps);
            VectorMath.add(ws.x, 0, ws.xb, 0, n * dim);
            for (int b = 0; b < n; b++) VectorMath.rmsNorm(ws.xb, b * dim, ws.x, b * dim, layer.ffnNorm, dim, eps);
            pool.matmul(layer.gateUp(), ws.xb, n, new float[][] {ws.gate, ws.up});
            activation.gate(ws.gate, ws.up, 0, n * ff);
            pool.matmul(layer.down, ws.gate, n, ws.xb);
            if (layer.postFfnNorm != null) normalizeRows(ws.xb, n, layer.postFfnNorm, dim, eps);
            VectorMath.add(ws.x, 0, ws.xb, 0, n * dim);
        }
        int nl = batch.logitCount;
        for (int i = 0; i < nl; i++) {
            VectorMath.rmsNorm(ws.xb, i * dim, ws.x, batch.logitRows[i] * dim, outputNorm, dim, eps);
        }
        if (nl > 0) {
            pool.matmul(output, ws.xb, nl, ws.logits);
            if (c.finalSoftCap() > 0) softCap(ws.logits, nl * c.vocabSize(), c.finalSoftCap());
        }
    }

    /**
     * Adds to {@code sum} ({@code dim} floats) the final hidden state of rows {@code [0, rows)} of the last pass, as
     * the output layer reads it (after the final RMSNorm): the sum a mean-pooled embedding is made of.
     */
    public void addFinalHidden(Workspace ws, int rows, float[] sum) {
        int dim = config.dim();
        float[] row = new float[dim];
        for (int b = 0; b < rows; b++) {
            VectorMath.rmsNorm(row, 0, ws.x, b * dim, outputNorm, dim, config.rmsEps());
            VectorMath.add(sum, 0, row, 0, dim);
        }
    }

    /** RMSNorm in place of each of {@code heads} consecutive heads of {@code headDim} at {@code v[o..]}. */
    private static void normalizeHeads(float[] v, int o, int heads, float[] weight, int headDim, float eps) {
        for (int h = 0; h < heads; h++) {
            VectorMath.rmsNorm(v, o + h * headDim, v, o + h * headDim, weight, headDim, eps);
        }
    }

    /** RMSNorm in place of each of {@code n} rows of {@code dim}. */
    private static void normalizeRows(float[] x, int n, float[] weight, int dim, float eps) {
        for (int b = 0; b < n; b++) VectorMath.rmsNorm(x, b * dim, x, b * dim, weight, dim, eps);
    }

    /** {@code a[i] = cap * tanh(a[i] / cap)} for {@code i < n}. */
    private static void softCap(float[] a, int n, float cap) {
        for (int i = 0; i < n; i++) a[i] = cap * (float) Math.tanh(a[i] / cap);
    }

    /**
     * Causal attention of every row of the batch, one task per row and key/value head: the query heads that share a
     * key/value head (grouped-query attention) read its keys and values once. A row attends to its last
     * {@code window} positions.
     */
    private void attention(int layer, int window, Batch batch, Workspace ws) {
        ModelConfig c = config;
        int kvHeads = c.kvHeads(), hd = c.headDim(), qDim = c.queryDim(), kvDim = c.kvDim();
        int group = c.heads() / kvHeads;
        float scale = c.attentionScale();
        float cap = c.attentionSoftCap();
        pool.forRange(batch.size * kvHeads, (worker, start, end) -> {
            for (int task = start; task < end; task++) {
                int b = task / kvHeads, kh = task % kvHeads;
                int positions = batch.positions[b] + 1;
                int first = Math.max(0, positions - window);
                int count = positions - first;
                float[] keys = batch.caches[b].keys[layer];
                float[] values = batch.caches[b].values[layer];
                float[] scores = ws.scores(worker, group * count);
                int kvo = kh * hd;
                int q0 = b * qDim + kh * group * hd;
                for (int t = 0; t < count; t++) {
                    int ko = (first + t) * kvDim + kvo;
                    for (int g = 0; g < group; g++) {
                        scores[g * count + t] = VectorMath.dot(ws.q, q0 + g * hd, keys, ko, hd) * scale;
                    }
                }
                if (cap > 0) softCap(scores, group * count, cap);
                for (int g = 0; g < group; g++) {
                    VectorMath.softmax(scores, g * count, count);
                    VectorMath.weightedSum(scores, g * count, count, values, first * kvDim + kvo, kvDim, hd, ws.att,
                            q0 + g * hd);
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
        float[] x, xb, q, k, v, att, gate, up, logits;
        /** Per RoPE, the rotation of each row's pairs. */
        final float[][] cos, sin;

        Workspace(ModelConfig c, int threads, int ropes, int rows) {
            this.c = c;
            this.scores = new float[threads][0];
            this.cos = new float[ropes][];
            this.sin = new float[ropes][];
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
                for (int r = 0; r < cos.length; r++) {
                    cos[r] = new float[n * Math.max(1, c.ropeDims() / 2)];
                    sin[r] = new float[cos[r].length];
                }
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
            return wrap(checked(name, cols, rows));
        }

        /** The tensor, which must have {@code rows} rows (any number when negative) of {@code cols}. */
        private GgufTensor checked(String name, int cols, int rows) {
            if (!gguf.hasTensor(name)) throw new UnsupportedModelException("the model has no tensor " + name);
            GgufTensor t = gguf.tensor(name);
            if (t.dim(0) != cols || (rows >= 0 && t.dim(1) != rows)) {
                throw new UnsupportedModelException("tensor " + name + " has shape " + java.util.Arrays.toString(t.ne())
                        + ", expected [" + cols + ", " + (rows < 0 ? "n" : rows) + "]");
            }
            return t;
        }

        private WeightMatrix wrap(GgufTensor t) {
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

        /** The vector, required or else null when the file does not have it. */
        float[] vector(String name, int length, boolean required) {
            return required || gguf.hasTensor(name) ? vector(name, length) : null;
        }

        float[] optionalVector(String name, int length) {
            return vector(name, length, false);
        }

        /**
         * The Q, K and V biases of layer prefix {@code p} (each null when absent), separate or fused in
         * {@code attn_qkv.bias}; {@code required}: the file must have them.
         */
        float[][] biases(String p, int qDim, int kvDim, boolean required) {
            String fused = p + "attn_qkv.bias";
            if (!gguf.hasTensor(fused)) {
                return new float[][] {vector(p + "attn_q.bias", qDim, required),
                        vector(p + "attn_k.bias", kvDim, required), vector(p + "attn_v.bias", kvDim, required)};
            }
            float[] all = vector(fused, qDim + 2 * kvDim);
            return new float[][] {java.util.Arrays.copyOfRange(all, 0, qDim),
                    java.util.Arrays.copyOfRange(all, qDim, qDim + kvDim),
                    java.util.Arrays.copyOfRange(all, qDim + kvDim, qDim + 2 * kvDim)};
        }

        /**
         * The matrix split by rows into consecutive parts of {@code rows[i]} rows each (a fused projection), read in
         * place like any other matrix.
         */
        WeightMatrix[] split(String name, int cols, int... rows) {
            int total = java.util.Arrays.stream(rows).sum();
            GgufTensor t = checked(name, cols, total);
            long rowBytes = t.type().bytesFor(cols);
            WeightMatrix[] parts = new WeightMatrix[rows.length];
            long first = 0;
            for (int i = 0; i < rows.length; i++) {
                long at = first * rowBytes, bytes = rows[i] * rowBytes;
                GgufTensor part = new GgufTensor(name + "[rows " + first + ".." + (first + rows[i]) + ")",
                        new long[] {cols, rows[i]}, t.type(), t.offset() + at, t.data().asSlice(at, bytes));
                parts[i] = wrap(part);
                first += rows[i];
            }
            return parts;
        }
    }
}
