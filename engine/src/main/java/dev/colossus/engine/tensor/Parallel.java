package dev.colossus.engine.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed pool of worker threads that split a range of work items (matrix rows, attention heads) into one contiguous
 * chunk per thread; the calling thread does the first chunk itself. Workers spin briefly between jobs before parking,
 * so the many small jobs of a forward pass start without a wake-up delay.
 * <p>Thread safety: jobs from different threads are serialised (one job runs at a time).
 */
public final class Parallel implements AutoCloseable {

    /** A body run over items {@code [start, end)} by worker {@code worker} ({@code 0 .. threads()-1}). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int worker, int start, int end);
    }

    private static final long SPIN_NANOS = 200_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicIntegerArray parked;
    private volatile int epoch;
    private volatile boolean closed;
    private final AtomicInteger pending = new AtomicInteger();
    private RangeBody body;
    private int count;
    private int chunks;
    private volatile Throwable failure;

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

    /** Runs {@code body} over {@code [0, count)} split across the pool and returns when all chunks are done. */
    public synchronized void forRange(int count, RangeBody body) {
        if (closed) throw new IllegalStateException("thread pool is closed");
        int chunks = Math.min(threads, count);
        if (chunks <= 1) {
            if (count > 0) body.run(0, 0, count);
            return;
        }
        this.body = body;
        this.count = count;
        this.chunks = chunks;
        this.failure = null;
        pending.set(threads - 1);
        epoch++;
        for (int i = 1; i < threads; i++) {
            if (parked.get(i) != 0) LockSupport.unpark(workers[i - 1]);
        }
        Throwable own = null;
        try {
            runChunk(0);
        } catch (Throwable t) {
            own = t;
        }
        long spins = 0;
        while (pending.get() != 0) {
            if (++spins < 100_000) Thread.onSpinWait();
            else Thread.yield();
        }
        this.body = null;
        Throwable t = own != null ? own : failure;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
    }

    /** {@code out[r] = w[r] · x} for all rows, split across the pool. */
    public void matvec(WeightMatrix w, float[] x, float[] out) {
        forRange(w.rows(), (worker, start, end) -> w.matvec(x, out, start, end));
    }

    /** {@code out[b*rows + r] = w[r] · x_b} for {@code n} vectors and all rows, split across the pool. */
    public void matmul(WeightMatrix w, float[] x, int n, float[] out) {
        if (n == 1) {
            matvec(w, x, out);
            return;
        }
        forRange(w.rows(), (worker, start, end) -> w.matmul(x, n, out, start, end));
    }

    private void runChunk(int worker) {
        if (worker >= chunks) return;
        long start = (long) count * worker / chunks;
        long end = (long) count * (worker + 1) / chunks;
        body.run(worker, (int) start, (int) end);
    }

    private void loop(int worker) {
        int seen = 0;
        while (true) {
            long spinStart = System.nanoTime();
            int spins = 0;
            while (epoch == seen && !closed) {
                Thread.onSpinWait();
                if ((++spins & 255) == 0 && System.nanoTime() - spinStart > SPIN_NANOS) {
                    parked.set(worker, 1); // set before re-checking epoch, so a new job always unparks us
                    if (epoch == seen && !closed) LockSupport.park(this);
                    parked.set(worker, 0);
                    spinStart = System.nanoTime();
                }
            }
            if (closed) return;
            seen = epoch;
            try {
                runChunk(worker);
            } catch (Throwable t) {
                failure = t;
            }
            pending.decrementAndGet();
        }
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) LockSupport.unpark(w);
    }
}
