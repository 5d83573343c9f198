package dev.colossus.train.model;

/** {@link LlamaWeights} whose tensors are all float arrays, all trained. */
final class DenseWeights implements LlamaWeights {
    private final Parameters params;
    private final Parameters grads;

    DenseWeights(Parameters params, Parameters grads) {
        if (grads != null && !grads.shape().equals(params.shape())) {
            throw new IllegalArgumentException("gradients are of another shape");
        }
        this.params = params;
        this.grads = grads;
    }

    @Override
    public LlamaShape shape() {
        return params.shape();
    }

    @Override
    public void embed(int token, float[] out, int offset) {
        int d = params.shape().dim();
        System.arraycopy(params.data("token_embd.weight"), token * d, out, offset, d);
    }

    @Override
    public void addEmbeddingGradient(int token, float[] grad, int offset) {
        if (grads == null) return;
        int d = params.shape().dim();
        float[] g = grads.data("token_embd.weight");
        for (int i = 0, o = token * d; i < d; i++) g[o + i] += grad[offset + i];
    }

    @Override
    public float[] vector(String name) {
        return params.data(name);
    }

    @Override
    public float[] vectorGradient(String name) {
        return grads == null ? null : grads.data(name);
    }

    @Override
    public Projection matrix(String name) {
        Parameters.Tensor t = params.tensor(name);
        float[] w = t.data(), dw = grads == null ? null : grads.data(name);
        int in = t.ne()[0], out = t.ne()[1];
        return new Projection() {
            @Override
            public void forward(Linear linear, float[] x, int xo, int n, float[] y, int yo, boolean accumulate) {
                linear.forward(x, xo, n, in, w, out, y, yo, accumulate);
            }

            @Override
            public void backwardInput(Linear linear, float[] dy, int dyo, int n, float[] dx, int dxo) {
                linear.backwardInput(dy, dyo, n, out, w, in, dx, dxo);
            }

            @Override
            public void backwardWeight(Linear linear, float[] dy, int dyo, int n, float[] x, int xo) {
                if (dw != null) linear.backwardWeight(dy, dyo, n, out, x, xo, in, dw);
            }
        };
    }
}
