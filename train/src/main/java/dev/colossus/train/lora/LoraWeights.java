package dev.colossus.train.lora;

import dev.colossus.engine.tensor.WeightMatrix;
import dev.colossus.train.model.Linear;
import dev.colossus.train.model.LlamaShape;
import dev.colossus.train.model.LlamaWeights;
import dev.colossus.train.model.Parameters;
import dev.colossus.train.model.Projection;

import java.util.Arrays;

/**
 * A frozen base with low-rank adapters, as a {@link dev.colossus.train.model.LlamaTrainingModel} reads it: every
 * targeted projection computes {@code y = x·Wᵀ + s·(x·Aᵀ)·Bᵀ} with {@code s = alpha/rank}; embeddings, norms and
 * the base matrices get no gradient (the base's {@code dW} is never formed), the adapters' gradients go to
 * {@code grads}. The base's products run on its stored type, rows dequantized on the fly (see
 * {@link Linear#forward(float[], int, int, WeightMatrix, float[], int, boolean)}).
 * <p>Thread safety: not thread-safe (scratch buffers); one pass at a time.
 */
public final class LoraWeights implements LlamaWeights {
    private final FrozenBase base;
    private final LoraAdapters adapters;
    private final Parameters grads;
    private final float scale;
    private final int rank;
    /** {@code s·x·Aᵀ} and {@code s·dy·B}, {@code n × rank}; grown as needed. */
    private float[] low = new float[0];

    /**
     * @param grads where the adapters' gradients are added (laid out like {@code adapters.parameters()}), or null for
     *              forward passes only
     * @throws IllegalArgumentException when the adapters or gradients do not belong to the base's shape
     */
    public LoraWeights(FrozenBase base, LoraAdapters adapters, Parameters grads) {
        if (!adapters.parameters().shape().equals(base.shape())) {
            throw new IllegalArgumentException("the adapters belong to a model of another shape");
        }
        if (grads != null && !grads.sameLayout(adapters.parameters())) {
            throw new IllegalArgumentException("the gradients are not laid out like the adapters");
        }
        this.base = base;
        this.adapters = adapters;
        this.grads = grads;
        this.scale = adapters.settings().scale();
        this.rank = adapters.settings().rank();
    }

    @Override
    public LlamaShape shape() {
        return base.shape();
    }

    @Override
    public void embed(int token, float[] out, int offset) {
        base.matrix("token_embd.weight").dequantizeRow(token, out, offset);
    }

    @Override
    public void addEmbeddingGradient(int token, float[] grad, int offset) {
    }

    @Override
    public float[] vector(String name) {
        return base.vector(name);
    }

    @Override
    public float[] vectorGradient(String name) {
        return null;
    }

    @Override
    public Projection matrix(String name) {
        WeightMatrix w = base.matrix(name);
        if (!adapters.adapts(name)) return new Frozen(w);
        Parameters p = adapters.parameters();
        String a = LoraAdapters.aName(name), b = LoraAdapters.bName(name);
        return new Adapted(w, p.data(a), p.data(b), grads == null ? null : grads.data(a),
                grads == null ? null : grads.data(b));
    }

    private float[] low(int n) {
        if (low.length < n * rank) low = new float[n * rank];
        return low;
    }

    /** A base matrix alone. */
    private static class Frozen implements Projection {
        final WeightMatrix w;

        Frozen(WeightMatrix w) {
            this.w = w;
        }

        @Override
        public void forward(Linear linear, float[] x, int xo, int n, float[] y, int yo, boolean accumulate) {
            linear.forward(x, xo, n, w, y, yo, accumulate);
        }

        @Override
        public void backwardInput(Linear linear, float[] dy, int dyo, int n, float[] dx, int dxo) {
            linear.backwardInput(dy, dyo, n, w, dx, dxo);
        }

        @Override
        public void backwardWeight(Linear linear, float[] dy, int dyo, int n, float[] x, int xo) {
        }
    }

    /** A base matrix plus {@code s·B·A}; {@code da}, {@code db} null when no gradients are wanted. */
    private final class Adapted extends Frozen {
        private final float[] a, b, da, db;

        Adapted(WeightMatrix w, float[] a, float[] b, float[] da, float[] db) {
            super(w);
            this.a = a;
            this.b = b;
            this.da = da;
            this.db = db;
        }

        @Override
        public void forward(Linear linear, float[] x, int xo, int n, float[] y, int yo, boolean accumulate) {
            super.forward(linear, x, xo, n, y, yo, accumulate);
            float[] u = scaledDown(linear, x, xo, n);
            linear.forward(u, 0, n, rank, b, w.rows(), y, yo, true);
        }

        @Override
        public void backwardInput(Linear linear, float[] dy, int dyo, int n, float[] dx, int dxo) {
            super.backwardInput(linear, dy, dyo, n, dx, dxo);
            float[] g = scaledBack(linear, dy, dyo, n);
            linear.backwardInput(g, 0, n, rank, a, w.cols(), dx, dxo);
        }

        @Override
        public void backwardWeight(Linear linear, float[] dy, int dyo, int n, float[] x, int xo) {
            if (da == null) return;
            // dB += dyᵀ·(s·x·Aᵀ); dA += (s·dy·B)ᵀ·x
            float[] u = scaledDown(linear, x, xo, n);
            linear.backwardWeight(dy, dyo, n, w.rows(), u, 0, rank, db);
            float[] g = scaledBack(linear, dy, dyo, n);
            linear.backwardWeight(g, 0, n, rank, x, xo, w.cols(), da);
        }

        /** {@code s·x·Aᵀ} ({@code n × rank}) in the shared scratch. */
        private float[] scaledDown(Linear linear, float[] x, int xo, int n) {
            float[] u = low(n);
            linear.forward(x, xo, n, w.cols(), a, rank, u, 0, false);
            for (int i = 0; i < n * rank; i++) u[i] *= scale;
            return u;
        }

        /** {@code s·dy·B} ({@code n × rank}) in the shared scratch. */
        private float[] scaledBack(Linear linear, float[] dy, int dyo, int n) {
            float[] g = low(n);
            Arrays.fill(g, 0, n * rank, 0f);
            linear.backwardInput(dy, dyo, n, w.rows(), b, rank, g, 0);
            for (int i = 0; i < n * rank; i++) g[i] *= scale;
            return g;
        }
    }
}
