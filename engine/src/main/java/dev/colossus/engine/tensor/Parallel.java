package dev.colossus.engine.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of worker threads for the data-parallel loops of a forward pass (matrix rows, attention heads). Each
 * thread (the calling one included) owns the same share of every job, so it keeps reading the same rows of a matrix
 * from one pass to the next; it claims its share in pieces and takes the others' unclaimed pieces when done, so a
 * worker that the operating system has not scheduled yet delays nothing. Workers spin up to a millisecond between
 * jobs before parking, so the many small jobs of a forward pass start without a wake-up delay.
 * <p>Thread safety: jobs from different threads are serialised (one job runs at a time).
 */
public final class Parallel implements AutoCloseable {

    /** A body run over items {@code [start, end)} by worker {@code worker} ({@code 0 .. threads()-1}). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int worker, int start, int end);
    }

    private static final long SPIN_NANOS = 1_000_000;

    /**
     * One call of {@link #forRange}: its own claim and completion counters, so late workers cannot mix jobs. Each
     * worker owns a contiguous run of items, the same run in every job of the same size, so a worker keeps reading
     * the same rows of a matrix from pass to pass (they stay in its core's caches). It claims its run in pieces of
     * half what is left (big pieces first, single items at the end), and a worker that has finished its own run
     * takes the others' unclaimed pieces: the last ones are small, so nobody waits long for a late worker.
     */
    private static final class Job {
        final RangeBody body;
        final int count;
        final int owners;
        /** Next unclaimed item of each owner's run. */
        final AtomicIntegerArray next;
        /** Items done. */
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable failure;

        Job(RangeBody body, int count, int owners) {
            this.body = body;
            this.count = count;
            this.owners = owners;
            this.next = new AtomicIntegerArray(owners);
            for (int w = 0; w < owners; w++) next.set(w, runStart(w));
        }

        private int runStart(int owner) {
            return (int) ((long) count * owner / owners);
        }

        /** Claims and runs pieces, of its own run first, until none are left. */
        void work(int worker) {
            for (int i = 0; i < owners; i++) {
                int owner = (worker + i) % owners;
                int end = runStart(owner + 1);
                for (int from; (from = next.get(owner)) < end; ) {
                    int to = from + Math.max(1, (end - from) / 2);
                    if (next.compareAndSet(owner, from, to)) run(worker, from, to);
                }
            }
        }

        private void run(int worker, int from, int to) {
            try {
                body.run(worker, from, to);
            } catch (Throwable t) {
                failure = t;
            } finally {
                done.addAndGet(to - from);
            }
        }
    }

    private final int threads;
    private final Thread[] workers;
    private final AtomicIntegerArray parked;
    private volatile Job current;
    /** Rounded inputs of the current {@link #matmul} job, one per matrix at most; guarded by {@code this}. */
    private float[][] rounded = new float[3][];
    /** The 8-bit forms of the current job's inputs (when few vectors); guarded by {@code this}. */
    private Q8Activations[] prepared = new Q8Activations[3];
    private volatile boolean closed;

    /** A pool of {@code threads} threads in all, counting the caller ({@code threads - 1} are started). */
    public Parallel(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        this.parked = new AtomicIntegerArray(threads);
        for (int i = 1; i < threads; i++) {
            int worker = i;
            workers[i - 1] = Thread.ofPlatform().daemon().name("colossus-engine-" + i).start(() -> loop(worker));
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body} over {@code [0, count)} split across the pool and returns when all of it is done. */
    public synchronized void forRange(int count, RangeBody body) {
        if (closed) throw new IllegalStateException("thread pool is closed");
        if (count <= 0) return;
        if (threads == 1 || count == 1) {
            body.run(0, 0, count);
            return;
        }
        Job job = new Job(body, count, threads);
        current = job;
        for (int i = 1; i < threads; i++) {
            if (parked.get(i) != 0) LockSupport.unpark(workers[i - 1]);
        }
        job.work(0);
        long spins = 0;
        while (job.done.get() < job.count) {
            if (++spins < 50_000) Thread.onSpinWait();
            else Thread.yield();
        }
        Throwable t = job.failure;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
    }

    /** {@code out[r] = w[r] · x} for all rows, split across the pool. */
    public void matvec(WeightMatrix w, float[] x, float[] out) {
        matmul(w, x, 1, out);
    }

    /** {@code out[b*rows + r] = w[r] · x_b} for {@code n} vectors and all rows, split across the pool. */
    public void matmul(WeightMatrix w, float[] x, int n, float[] out) {
        matmul(new WeightMatrix[] {w}, x, n, new float[][] {out});
    }

    /**
     * The products of several matrices with the same {@code n} input vectors ({@code outs[i]} gets
     * {@code ms[i]}'s, laid out as in {@link #matmul(WeightMatrix, float[], int, float[])}), as one parallel job:
     * the input is rounded once per {@link ActivationRounding} before the job, not once per chunk and matrix.
     */
    public synchronized void matmul(WeightMatrix[] ms, float[] x, int n, float[][] outs) {
        float[][] xr = new float[ms.length][];
        Q8Activations[] q8 = new Q8Activations[ms.length];
        for (int i = 0; i < ms.length; i++) {
            ActivationRounding rounding = ms[i].activationRounding();
            if (ms[i] instanceof RowGroupMatrix m && m.integerFor(n)) {
                // integer kernels: the 8-bit form, once per job rather than once per chunk
                for (int j = 0; j < i && q8[i] == null; j++) {
                    if (q8[j] != null && ms[j].activationRounding() == rounding) q8[i] = q8[j];
                }
                if (q8[i] == null) q8[i] = q8(i, x, n, ms[i].cols(), rounding);
                continue;
            }
            for (int j = 0; j < i && xr[i] == null; j++) {
                if (xr[j] != null && ms[j].activationRounding() == rounding) xr[i] = xr[j];
            }
            if (xr[i] == null) xr[i] = round(i, rounding, x, n * ms[i].cols());
        }
        // Items are ROW_ALIGNMENT rows of a matrix, so row-group kernels get whole groups.
        int[] firstUnit = new int[ms.length + 1];
        for (int i = 0; i < ms.length; i++) firstUnit[i + 1] = firstUnit[i] + units(ms[i].rows());
        forRange(firstUnit[ms.length], (worker, start, end) -> {
            for (int i = 0; i < ms.length; i++) {
                int s = Math.max(start, firstUnit[i]) - firstUnit[i];
                int e = Math.min(end, firstUnit[i + 1]) - firstUnit[i];
                if (s >= e) continue;
                int rowStart = s * ROW_ALIGNMENT, rowEnd = Math.min(e * ROW_ALIGNMENT, ms[i].rows());
                if (q8[i] != null) {
                    ((RowGroupMatrix) ms[i]).integerProducts(q8[i], outs[i], rowStart, rowEnd);
                } else {
                    ms[i].matmulRounded(xr[i], n, outs[i], rowStart, rowEnd);
                }
            }
        });
    }

    /** The {@code n} vectors of {@code xr} in 8-bit form, in this pool's buffer {@code slot}. */
    private Q8Activations q8(int slot, float[] xr, int n, int cols, ActivationRounding rounding) {
        if (slot >= prepared.length) prepared = java.util.Arrays.copyOf(prepared, slot + 1);
        if (prepared[slot] == null) prepared[slot] = new Q8Activations();
        prepared[slot].fill(xr, n, cols, rounding);
        return prepared[slot];
    }

    /** Rows of a matrix in one unit of work (a multiple of every row-group size). */
    private static final int ROW_ALIGNMENT = 64;

    private static int units(int rows) {
        return (rows + ROW_ALIGNMENT - 1) / ROW_ALIGNMENT;
    }

    /** {@code x} rounded into this pool's buffer {@code slot} ({@code x} itself when there is nothing to round). */
    private float[] round(int slot, ActivationRounding rounding, float[] x, int count) {
        if (rounding == ActivationRounding.NONE) return x;
        if (slot >= rounded.length) rounded = java.util.Arrays.copyOf(rounded, slot + 1);
        if (rounded[slot] == null || rounded[slot].length < count) rounded[slot] = new float[count];
        rounding.round(x, count, rounded[slot]);
        return rounded[slot];
    }

    private void loop(int worker) {
        Job seen = null;
        while (!closed) {
            Job job = current;
            if (job != seen) {
                seen = job;
                job.work(worker);
                continue;
            }
            long spinStart = System.nanoTime();
            int spins = 0;
            while (current == seen && !closed) {
                Thread.onSpinWait();
                if ((++spins & 255) == 0 && System.nanoTime() - spinStart > SPIN_NANOS) {
                    parked.set(worker, 1); // set before re-checking, so a new job always unparks us
                    if (current == seen && !closed) LockSupport.park(this);
                    parked.set(worker, 0);
                    spinStart = System.nanoTime();
                }
            }
        }
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) LockSupport.unpark(w);
    }
}
