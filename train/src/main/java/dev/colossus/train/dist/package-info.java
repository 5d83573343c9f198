/**
 * Data-parallel ranks: the {@link dev.colossus.train.dist.Communicator} seam (all-reduce, broadcast, barrier), the
 * single process that needs no library, Open MPI reached through the foreign function API, and the bucketed
 * all-reduce of gradients.
 *
 * <p>A training loop runs the same on every rank:
 * <pre>{@code
 * try (Communicator comm = Communicators.fromEnvironment();
 *      BucketedAllReduce gradients = new BucketedAllReduce(comm)) {
 *     // every rank starts from the same weights: the same seed, or the root's weights broadcast
 *     for (Parameters.Tensor t : weights.tensors()) comm.broadcast(t.data(), 0, t.data().length, 0);
 *     for (each step) {
 *         // every rank draws the same global batch of B sequences (B % comm.size() == 0) and keeps its share:
 *         // sequences [rank * B / size, (rank + 1) * B / size)
 *         // forward and backward on the share: gradients are means over the share's tokens
 *         gradients.mean(gradientArrays);                  // now the mean over the global batch, on every rank
 *         float[] loss = {shareLoss};
 *         comm.allReduceMean(loss, 0, 1);                  // the global batch's loss
 *         // clip and step the optimizer: identical inputs, so identical weights on every rank
 *         // only comm.isRoot() writes checkpoints, logs and plots
 *     }
 * }
 * }</pre>
 */
package dev.colossus.train.dist;
