package dev.colossus.studio.video;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * Encodes frames on a thread of its own while the caller renders the next ones. A few frames wait in between at most,
 * so memory stays bounded when encoding is the slower side. Used by one rendering thread.
 */
final class EncoderThread<P> implements AutoCloseable {
    private static final int WAITING_FRAMES = 4;
    private static final Object END = new Object();

    private final FrameEncoder<P> encoder;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(WAITING_FRAMES);
    private final Thread thread;
    private volatile Throwable failure;
    private byte[] file;

    EncoderThread(FrameEncoder<P> encoder) {
        this.encoder = encoder;
        this.thread = Thread.ofPlatform().daemon().name("colossus-video-encoder").start(this::run);
    }

    /**
     * Queues a prepared frame, waiting while the queue is full.
     *
     * @throws CancellationException when the calling thread is interrupted
     */
    void add(P frame) {
        put(frame);
    }

    private void put(Object item) {
        rethrowFailure();
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while rendering a video");
        }
    }

    /** Waits for the last frame to be encoded and returns the file. */
    byte[] finish() {
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while rendering a video");
        }
        rethrowFailure();
        return file;
    }

    /** Stops the encoding thread when the render ends early; harmless after {@link #finish}. */
    @Override
    public void close() {
        thread.interrupt();
    }

    @SuppressWarnings("unchecked")
    private void run() {
        try {
            for (Object next = queue.take(); next != END; next = queue.take()) encoder.encode((P) next);
            file = encoder.finish();
        } catch (InterruptedException e) {
            failure = new CancellationException("video encoding stopped");
        } catch (Throwable t) {
            failure = t;
            queue.clear();
        } finally {
            encoder.close();
        }
    }

    private void rethrowFailure() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new IllegalStateException("video encoding failed: " + t.getMessage(), t);
    }
}
