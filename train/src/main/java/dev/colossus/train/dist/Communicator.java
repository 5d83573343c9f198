package dev.colossus.train.dist;

import java.lang.foreign.MemorySegment;

/**
 * The collective operations that data-parallel training needs between its ranks: every rank runs the same program
 * on its own share of the batch, then the ranks sum their gradients and agree on values that one of them decided.
 *
 * <p>Ranks are numbered {@code 0 .. size() - 1}; rank 0 is the root by convention (it writes checkpoints, plots and
 * logs). Every operation here is <em>collective</em>: every rank must call the same operations, in the same order,
 * with the same lengths (and, for a broadcast, the same root); a rank that skips one, or passes another length,
 * leaves the others waiting forever or fails the job. Operations block until this rank's part is done.
 *
 * <p>{@link SingleProcess} is the group of one: it needs no library and every operation returns at once.
 * {@link MpiCommunicator} reaches Open MPI's {@code libmpi} at run time; a GPU library such as NCCL can implement
 * this same interface. {@link Communicators#fromEnvironment()} picks between them.
 *
 * <p>Thread safety: a communicator is used by one thread at a time (any thread, but never two at once); callers
 * that reduce from a background thread must hand the communicator over, not share it.
 *
 * <p>Errors: a failed operation throws {@link CommunicatorException}; after one, the group is in an undefined state
 * and the program should end. Bad arguments (ranges outside the array, a root outside the group) throw
 * {@link IndexOutOfBoundsException} or {@link IllegalArgumentException} before anything is sent.
 */
public interface Communicator extends AutoCloseable {

    /** This process's rank, {@code 0 <= rank() < size()}. */
    int rank();

    /** The number of ranks in the group, at least 1. */
    int size();

    /** Whether this is rank 0, the one that writes files and logs for the whole group. */
    default boolean isRoot() {
        return rank() == 0;
    }

    /**
     * Replaces {@code data[offset .. offset + length)} on every rank with the element-wise sum of that range over all
     * ranks. The order in which ranks' values are added is the library's; every rank receives the identical result.
     */
    void allReduceSum(float[] data, int offset, int length);

    /**
     * Replaces the floats in {@code floats} (native byte order, a whole number of floats) on every rank with their
     * element-wise sum over all ranks. The segment should be native memory: that is what a library can hand to its
     * transport without copying it first; a heap segment is copied.
     */
    void allReduceSum(MemorySegment floats);

    /**
     * Starts {@link #allReduceSum(MemorySegment)} on {@code floats} and returns at once, where the library can, so
     * that the caller computes while the sum goes on; {@link Pending#done()} drives it on and tells when it has
     * finished. Until then the segment belongs to the reduction: neither read nor write it. The reduction is a
     * collective like the others, started by every rank in the same order; no other operation of this communicator
     * may be called before it is done. The default performs the whole sum before returning.
     */
    default Pending startAllReduceSum(MemorySegment floats) {
        allReduceSum(floats);
        return Pending.DONE;
    }

    /** A reduction started by {@link #startAllReduceSum}. */
    @FunctionalInterface
    interface Pending {
        /** A reduction that finished before it was returned. */
        Pending DONE = () -> true;

        /**
         * Lets the reduction progress and returns whether it has finished (once true, it stays true). Called on the
         * communicator's current thread; returns without waiting for the other ranks.
         *
         * @throws CommunicatorException when the reduction failed
         */
        boolean done();
    }

    /**
     * Like {@link #allReduceSum(float[], int, int)}, then divides by {@link #size()}: the mean over the ranks, for
     * example of per-rank mean gradients of equal-sized shares of a batch.
     */
    default void allReduceMean(float[] data, int offset, int length) {
        allReduceSum(data, offset, length);
        int size = size();
        if (size > 1) {
            float scale = 1f / size;
            for (int i = offset, end = offset + length; i < end; i++) data[i] *= scale;
        }
    }

    /** Copies {@code data[offset .. offset + length)} from rank {@code root} into the same range on every other rank. */
    void broadcast(float[] data, int offset, int length, int root);

    /** Copies {@code data[offset .. offset + length)} from rank {@code root} into the same range on every other rank. */
    void broadcast(byte[] data, int offset, int length, int root);

    /** Returns once every rank has called it. */
    void barrier();

    /**
     * Ends the whole group at once, for a rank that has failed and will not take part in the collectives the others
     * are waiting in (closing instead would wait for them forever). With several ranks this does not return: every
     * rank's process exits with {@code exitCode}, as far as the library allows. With one process it returns at once
     * and the caller ends as it would have anyway.
     */
    void abort(int exitCode);

    /**
     * Leaves the group and frees what the communicator holds; every rank should close its communicator, after its
     * last collective, and only on success (a failed rank calls {@link #abort}). Closing twice does nothing. Open MPI
     * cannot be started again in the same process afterwards.
     */
    @Override
    void close();
}
