package dev.colossus.train.dist;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * All-reduces a list of tensors (a model's gradients, one {@code float[]} each) in buckets: the tensors are packed,
 * in list order, into one native buffer of a fixed size, a tensor larger than what is left being split across
 * buckets, and each full bucket is reduced with a single call. A model's many small tensors (norm weights) then cost
 * a few calls instead of one each, and the large ones never need a buffer as large as themselves.
 *
 * <p>{@link #sum} and {@link #mean} reduce on the caller's thread. {@link #startSum} hands a list to the reducer's own
 * thread and returns at once, so that a backward pass can go on with earlier layers while the gradients of the later
 * ones are summed; {@link #await} waits for everything started. The reducer thread starts each bucket with
 * {@link Communicator#startAllReduceSum} and, while the other ranks are not there yet, sleeps between polls (a few
 * microseconds growing to a millisecond) rather than spinning, so that it takes almost no time from the compute
 * threads it shares the cores with. Lists started one after another are reduced in that order, each in its own
 * buckets.
 *
 * <p>With a group of one nothing is sent, no buffer is allocated and no thread started. Threads: one thread
 * drives a reducer (its calls are not thread-safe), and while reductions it started are pending it neither touches
 * their tensors nor calls the communicator: the reducer's thread uses it until {@link #await} returns. Close the
 * reducer to stop its thread and free the buffer; the communicator stays open.
 */
public final class BucketedAllReduce implements AutoCloseable {
    /**
     * The default bucket size: 1 MiB, a quarter of a million floats. Two ranks on one machine reduced a 5.5M-parameter
     * model's gradients in 10-20 ms with 1 MiB buckets, 25-65 ms with 2 MiB and about 100 ms with 4 MiB (Open MPI's
     * shared-memory transport, where a bucket that stays in the cache is copied fastest).
     */
    public static final int DEFAULT_BUCKET_BYTES = 1 << 20;
    /** Longest sleep between two polls of a pending bucket. */
    private static final long MAX_POLL_NANOS = 1_000_000;

    private final Communicator communicator;
    private final int bucketFloats;
    private Arena arena;
    private MemorySegment bucket;
    private ExecutorService thread;
    private final List<Future<?>> pending = new ArrayList<>();

    /** Reduces through {@code communicator} in buckets of {@link #DEFAULT_BUCKET_BYTES}. */
    public BucketedAllReduce(Communicator communicator) {
        this(communicator, DEFAULT_BUCKET_BYTES);
    }

    /**
     * Reduces through {@code communicator} in buckets of {@code bucketBytes}.
     *
     * @throws IllegalArgumentException when {@code bucketBytes} holds no float
     */
    public BucketedAllReduce(Communicator communicator, int bucketBytes) {
        this.communicator = Objects.requireNonNull(communicator, "communicator");
        if (bucketBytes < Float.BYTES) throw new IllegalArgumentException("bucket of " + bucketBytes + " bytes holds no float");
        this.bucketFloats = bucketBytes / Float.BYTES;
    }

    /**
     * Replaces every element of every tensor with its sum over the ranks. Collective: every rank passes tensors of the
     * same lengths.
     *
     * @throws IllegalStateException when reductions started by {@link #startSum} are pending
     */
    public void sum(List<float[]> tensors) {
        requireIdle();
        reduce(tensors, 1f, false);
    }

    /** Replaces every element of every tensor with its mean over the ranks. Collective, like {@link #sum}. */
    public void mean(List<float[]> tensors) {
        requireIdle();
        reduce(tensors, 1f / communicator.size(), false);
    }

    /**
     * Starts replacing every element of every tensor with its sum over the ranks, on the reducer's thread, and
     * returns; the tensors are the reducer's until {@link #await} returns. Collective: every rank starts lists of
     * the same lengths in the same order. With a group of one there is nothing to do.
     */
    public void startSum(List<float[]> tensors) {
        for (float[] tensor : tensors) Objects.requireNonNull(tensor, "tensor");
        if (communicator.size() == 1) return;
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("colossus-allreduce").factory());
        }
        List<float[]> copy = List.copyOf(tensors);
        pending.add(thread.submit(() -> reduce(copy, 1f, true)));
    }

    /**
     * Waits until every reduction started by {@link #startSum} has finished; their tensors and the communicator are
     * the caller's again.
     *
     * @throws CommunicatorException when a reduction failed (the group is then in an undefined state)
     */
    public void await() {
        RuntimeException failure = null;
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r
                            : new CommunicatorException("all-reduce failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommunicatorException("interrupted while waiting for the all-reduce", e);
            }
        }
        pending.clear();
        if (failure != null) throw failure;
    }

    private void requireIdle() {
        if (!pending.isEmpty()) throw new IllegalStateException("reductions started by startSum are pending; await them first");
    }

    /**
     * Reduces the tensors bucket by bucket, the sums multiplied by {@code after} as they are unpacked; {@code poll}:
     * started and polled (the reducer's thread), else blocking.
     */
    private void reduce(List<float[]> tensors, float after, boolean poll) {
        for (float[] tensor : tensors) Objects.requireNonNull(tensor, "tensor");
        if (communicator.size() == 1) return;
        MemorySegment buffer = bucket();
        int firstTensor = 0, firstOffset = 0; // where the bucket being filled starts
        int filled = 0;
        for (int t = 0; t < tensors.size(); t++) {
            float[] tensor = tensors.get(t);
            for (int offset = 0; offset < tensor.length; ) {
                int count = Math.min(tensor.length - offset, bucketFloats - filled);
                MemorySegment.copy(tensor, offset, buffer, JAVA_FLOAT, (long) filled * Float.BYTES, count);
                filled += count;
                offset += count;
                if (filled == bucketFloats) {
                    flush(tensors, firstTensor, firstOffset, filled, after, poll);
                    filled = 0;
                    firstTensor = offset == tensor.length ? t + 1 : t;
                    firstOffset = offset == tensor.length ? 0 : offset;
                }
            }
        }
        if (filled > 0) flush(tensors, firstTensor, firstOffset, filled, after, poll);
    }

    /** Reduces the first {@code count} floats of the bucket and copies them back, starting at tensor {@code t}, {@code offset}. */
    private void flush(List<float[]> tensors, int t, int offset, int count, float scale, boolean poll) {
        MemorySegment floats = bucket.asSlice(0, (long) count * Float.BYTES);
        if (poll) {
            Communicator.Pending reduction = communicator.startAllReduceSum(floats);
            for (long sleep = 2_000; !reduction.done(); sleep = Math.min(2 * sleep, MAX_POLL_NANOS)) {
                LockSupport.parkNanos(sleep);
            }
        } else {
            communicator.allReduceSum(floats);
        }
        for (int done = 0; done < count; t++, offset = 0) {
            float[] tensor = tensors.get(t);
            int n = Math.min(tensor.length - offset, count - done);
            MemorySegment.copy(bucket, JAVA_FLOAT, (long) done * Float.BYTES, tensor, offset, n);
            if (scale != 1f) {
                for (int i = offset, end = offset + n; i < end; i++) tensor[i] *= scale;
            }
            done += n;
        }
    }

    private MemorySegment bucket() {
        if (bucket == null) {
            arena = Arena.ofShared();
            bucket = arena.allocate((long) bucketFloats * Float.BYTES, 64);
        }
        return bucket;
    }

    /** Stops the reducer's thread (after the reductions it has started) and frees the bucket buffer. */
    @Override
    public void close() {
        if (thread != null) {
            thread.close();
            thread = null;
            pending.clear();
        }
        if (arena != null) {
            arena.close();
            arena = null;
            bucket = null;
        }
    }
}
