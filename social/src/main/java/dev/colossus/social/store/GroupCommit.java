package dev.colossus.social.store;

import dev.colossus.social.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.Lock;

/**
 * Runs the writes of many threads in shared transactions: one thread takes every write waiting at that moment, runs
 * each in a savepoint of one transaction (a write that fails is rolled back alone) and commits them together, so one
 * journal sync covers the group. A caller returns only once the commit holding its write is done: as durable as a
 * transaction of its own, but the disk's sync rate (a few hundred a second) no longer caps writes per second.
 *
 * <p>Writes run one after another on the committer thread, each seeing the ones before it. A write must not start
 * another write (it would wait for itself): that fails with {@link IllegalStateException}. Thread-safe.
 */
final class GroupCommit implements AutoCloseable {

    private static final int MAX_GROUP = 512;

    private final DataSource pool;
    private final Lock writeLock;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean closed;

    private static final class Pending<T> {
        final SqlWork<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        Throwable failure;

        Pending(SqlWork<T> work) {
            this.work = work;
        }

        void runOn(Connection c) throws SQLException {
            Savepoint savepoint = c.setSavepoint();
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback(savepoint);
                failure = e;
            } finally {
                c.releaseSavepoint(savepoint);
            }
        }

        void finish() {
            if (failure == null) done.complete(result);
            else done.completeExceptionally(failure);
        }
    }

    /** Commits on its own thread; {@code writeLock} keeps bulk loads and groups apart. */
    GroupCommit(DataSource pool, Lock writeLock) {
        this.pool = pool;
        this.writeLock = writeLock;
        this.committer = Thread.ofPlatform().daemon().name("colossus-db-commit").start(this::loop);
    }

    /** Runs the work in the next group and returns its result once that group is committed. */
    <T> T write(SqlWork<T> work) {
        if (Thread.currentThread() == committer) throw new IllegalStateException("a database write started another write");
        if (closed) throw new StoreException("database write failed: the database is closed", null);
        Pending<T> p = new Pending<>(work);
        queue.add(p);
        if (closed && queue.remove(p)) throw new StoreException("database write failed: the database is closed", null);
        try {
            return p.done.join();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error r -> throw r;
                case Throwable t -> throw new StoreException("database write failed: " + t.getMessage(), t);
            }
        }
    }

    private void loop() {
        List<Pending<?>> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            commit(group);
            group.clear();
        }
        for (Pending<?> p; (p = queue.poll()) != null; ) {
            p.failure = new StoreException("database write failed: the database is closed", null);
            p.finish();
        }
    }

    private void commit(List<Pending<?>> group) {
        writeLock.lock();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Pending<?> p : group) p.runOn(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                for (Pending<?> p : group) {
                    if (p.failure == null) p.failure = new StoreException("database write failed: " + e.getMessage(), e);
                }
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            for (Pending<?> p : group) {
                if (p.failure == null) p.failure = new StoreException("database write failed: " + e.getMessage(), e);
            }
        } finally {
            writeLock.unlock();
            for (Pending<?> p : group) p.finish();
        }
    }

    /** Finishes the group in progress and fails the writes still waiting. */
    @Override
    public void close() {
        closed = true;
        committer.interrupt();
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
