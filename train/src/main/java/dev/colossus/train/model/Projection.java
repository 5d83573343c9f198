package dev.colossus.train.model;

/**
 * One weight matrix {@code W} of {@code out} rows of {@code in} floats as a training pass uses it: the product
 * {@code Y = X·Wᵀ}, the input gradient {@code dX += dY·W}, and the gradient of whatever the projection trains (the
 * matrix itself, adapters beside a frozen matrix, or nothing). Rows of X, Y and their gradients are contiguous
 * ({@code x[xo + t*in + i]}, {@code y[yo + t*out + o]}).
 * <p>The {@link Linear} passed in carries the model's thread pool and must be used for the products.
 * <p>Thread safety: called by one pass at a time.
 */
public interface Projection {

    /** {@code y[yo + t*out + o] (+)= Σ_i x[xo + t*in + i] · W[o][i]} for {@code t < n}; overwrites unless {@code accumulate}. */
    void forward(Linear linear, float[] x, int xo, int n, float[] y, int yo, boolean accumulate);

    /** {@code dx[dxo + t*in + i] += Σ_o dy[dyo + t*out + o] · W[o][i]}. */
    void backwardInput(Linear linear, float[] dy, int dyo, int n, float[] dx, int dxo);

    /**
     * Adds the gradient of the projection's trainable values, given the output gradient {@code dy} and the input
     * {@code x} of the forward pass; does nothing when nothing is trained.
     */
    void backwardWeight(Linear linear, float[] dy, int dyo, int n, float[] x, int xo);
}
