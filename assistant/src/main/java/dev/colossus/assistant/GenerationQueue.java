package dev.colossus.assistant;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits generations: at most {@code maxRunning} at once and at most {@code maxWaiting} waiting for a turn, each for
 * at most {@code maxWait}. A request beyond that is turned away at once with {@link Busy} rather than queued without
 * bound. Thread-safe.
 */
public final class GenerationQueue {

    /** No turn was available: the server is busy; retry later. */
    public static final class Busy extends RuntimeException {
        private final boolean queueFull;

        Busy(String message, boolean queueFull) {
            super(message);
            this.queueFull = queueFull;
        }

        /** True when turned away at the door (queue full), false when the wait timed out. */
        public boolean queueFull() {
            return queueFull;
        }
    }

    /** A turn to generate; closing it lets the next one in. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore running;
    private final int maxRunning;
    private final int maxWaiting;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    public GenerationQueue(int maxRunning, int maxWaiting, Duration maxWait) {
        if (maxRunning < 1 || maxWaiting < 0) throw new IllegalArgumentException("bad queue limits");
        this.running = new Semaphore(maxRunning, true);
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
        this.maxWait = maxWait;
    }

    /**
     * Waits for a turn.
     *
     * @throws Busy when too many are already waiting, or no turn came within the wait limit
     */
    public Turn enter() throws InterruptedException {
        if (running.tryAcquire()) return turn();
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw new Busy("the assistant is busy: " + maxWaiting + " questions are already waiting; try again shortly", true);
        }
        try {
            if (!running.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy("the assistant is busy: no turn within " + maxWait.toSeconds() + " s; try again shortly", false);
            }
        } finally {
            waiting.decrementAndGet();
        }
        return turn();
    }

    /** Generations running now (holding a turn). */
    public int running() {
        return maxRunning - running.availablePermits();
    }

    /** Generations waiting for a turn now. */
    public int waiting() {
        return waiting.get();
    }

    /** The most generations that may wait; {@link #enter} turns requests away beyond it. */
    public int maxWaiting() {
        return maxWaiting;
    }

    private Turn turn() {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) running.release();
        };
    }
}
