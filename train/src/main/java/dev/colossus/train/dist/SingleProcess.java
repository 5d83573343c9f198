package dev.colossus.train.dist;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The group of one process: rank 0 of size 1. A sum or mean over one rank is the rank's own value and a broadcast
 * from rank 0 to itself changes nothing, so every operation only checks its arguments and returns. Needs no native
 * library. Stateless, so one instance may be shared freely.
 */
public enum SingleProcess implements Communicator {
    /** The only instance. */
    INSTANCE;

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public void allReduceSum(float[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
    }

    @Override
    public void allReduceSum(MemorySegment floats) {
        Objects.requireNonNull(floats, "floats");
    }

    @Override
    public void allReduceMean(float[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
    }

    @Override
    public void broadcast(float[] data, int offset, int length, int root) {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkRoot(root);
    }

    @Override
    public void broadcast(byte[] data, int offset, int length, int root) {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkRoot(root);
    }

    @Override
    public void barrier() {}

    @Override
    public void abort(int exitCode) {}

    @Override
    public void close() {}

    private static void checkRoot(int root) {
        if (root != 0) throw new IllegalArgumentException("root " + root + " is not a rank of a single process");
    }
}
