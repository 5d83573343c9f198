package dev.colossus.social.importer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs a source iterator on a thread of its own and hands its items over in chunks, so reading and parsing a file
 * overlaps with writing what was read. Everything the source did before it ended (its counters, say) is visible to
 * the consumer once {@link #hasNext()} returned false. A failure of the source is rethrown by {@link #hasNext()}.
 * Use from one consumer thread; {@link #close()} stops the reading thread early.
 */
public final class ReadAhead<T> implements Iterator<T>, AutoCloseable {

    private record Chunk<T>(List<T> items, RuntimeException failure) {
    }

    private final BlockingQueue<Chunk<T>> queue;
    private final Thread reader;
    private List<T> current = List.of();
    private int position;
    private boolean ended;

    /**
     * @param source the items, consumed by the reading thread only from now on
     * @param chunk  items per hand-over
     * @param ahead  chunks the reader may be ahead of the consumer
     */
    public ReadAhead(Iterator<T> source, int chunk, int ahead) {
        Objects.requireNonNull(source, "source");
        if (chunk < 1 || ahead < 1) throw new IllegalArgumentException("chunk and ahead must be positive");
        this.queue = new ArrayBlockingQueue<>(ahead);
        this.reader = Thread.ofPlatform().daemon().name("colossus-read-ahead").start(() -> {
            try {
                List<T> items = new ArrayList<>(chunk);
                while (source.hasNext()) {
                    items.add(source.next());
                    if (items.size() == chunk) {
                        queue.put(new Chunk<>(items, null));
                        items = new ArrayList<>(chunk);
                    }
                }
                if (!items.isEmpty()) queue.put(new Chunk<>(items, null));
                queue.put(new Chunk<>(List.of(), null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // closed: nobody is waiting
            } catch (RuntimeException e) {
                queue.clear();
                queue.offer(new Chunk<>(List.of(), e));
            }
        });
    }

    @Override
    public boolean hasNext() {
        while (position == current.size() && !ended) {
            Chunk<T> c;
            try {
                c = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
            if (c.failure() != null) {
                ended = true;
                throw c.failure();
            }
            if (c.items().isEmpty()) ended = true;
            current = c.items();
            position = 0;
        }
        return position < current.size();
    }

    @Override
    public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        return current.get(position++);
    }

    @Override
    public void close() {
        reader.interrupt();
        queue.clear();
    }
}
