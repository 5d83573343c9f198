package dev.colossus.train.dist;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ranks of an Open MPI job ({@code MPI_COMM_WORLD}), reached through {@code libmpi} with the foreign function
 * API: nothing of MPI is needed at build time, and a process not started by {@code mpirun} never loads it.
 *
 * <p>Opening initialises MPI with {@code MPI_Init_thread(MPI_THREAD_SERIALIZED)}, so any one thread at a time may
 * call (see {@link Communicator} on thread safety); closing calls {@code MPI_Finalize}. MPI can be initialised once
 * per process, so at most one {@code MpiCommunicator} is ever opened in a process.
 *
 * <p>Java arrays live on the garbage-collected heap, which MPI must not see (the collector may move them while a
 * transfer waits for another rank), so array operations copy through one native staging buffer of
 * {@value #STAGING_BYTES} bytes, piece by piece; {@link #allReduceSum(MemorySegment)} on native memory hands it to
 * MPI as it is. {@link BucketedAllReduce} packs many gradients into such a segment.
 */
public final class MpiCommunicator implements Communicator {
    /** Size of the native buffer that arrays are copied through. */
    static final int STAGING_BYTES = 4 << 20;
    private static final AtomicBoolean OPENED = new AtomicBoolean();

    private final OpenMpi mpi;
    private final int rank;
    private final int size;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment staging;
    private boolean closed;

    private MpiCommunicator(OpenMpi mpi) {
        this.mpi = mpi;
        int provided = mpi.initThread(OpenMpi.THREAD_SERIALIZED);
        if (provided < OpenMpi.THREAD_SERIALIZED) {
            mpi.finalizeMpi();
            throw new CommunicatorException("this Open MPI offers thread level " + provided
                    + ", below MPI_THREAD_SERIALIZED (2) that training needs");
        }
        this.rank = mpi.rank();
        this.size = mpi.size();
        this.staging = arena.allocate(STAGING_BYTES, 64);
    }

    /**
     * Loads Open MPI from the usual places ({@code libmpi.so}, {@code libmpi.so.40}, Debian's multiarch path) and
     * joins the job that {@code mpirun} started. Every rank of the job must open one.
     *
     * @throws CommunicatorException when the library cannot be loaded, is not Open MPI, or MPI was already
     *     initialised in this process
     */
    public static MpiCommunicator open() {
        return open(OpenMpi.LIBRARY_CANDIDATES);
    }

    static MpiCommunicator open(List<String> libraryCandidates) {
        OpenMpi mpi = OpenMpi.load(libraryCandidates);
        if (!OPENED.compareAndSet(false, true)) {
            throw new CommunicatorException("MPI was already initialised in this process; open one communicator");
        }
        return new MpiCommunicator(mpi);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void allReduceSum(float[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        ensureOpen();
        int chunk = STAGING_BYTES / Float.BYTES;
        for (int done = 0; done < length; done += chunk) {
            int count = Math.min(chunk, length - done);
            MemorySegment.copy(data, offset + done, staging, JAVA_FLOAT, 0, count);
            mpi.allReduceSumFloats(staging, count);
            MemorySegment.copy(staging, JAVA_FLOAT, 0, data, offset + done, count);
        }
    }

    @Override
    public void allReduceSum(MemorySegment floats) {
        if (floats.byteSize() % Float.BYTES != 0) {
            throw new IllegalArgumentException("a segment of " + floats.byteSize() + " bytes is not a whole number of floats");
        }
        ensureOpen();
        long count = floats.byteSize() / Float.BYTES;
        if (floats.isNative()) {
            long chunk = Integer.MAX_VALUE / Float.BYTES;
            for (long done = 0; done < count; done += chunk) {
                int n = (int) Math.min(chunk, count - done);
                mpi.allReduceSumFloats(floats.asSlice(done * Float.BYTES, (long) n * Float.BYTES), n);
            }
        } else {
            int chunk = STAGING_BYTES / Float.BYTES;
            for (long done = 0; done < count; done += chunk) {
                int n = (int) Math.min(chunk, count - done);
                MemorySegment piece = floats.asSlice(done * Float.BYTES, (long) n * Float.BYTES);
                staging.copyFrom(piece);
                mpi.allReduceSumFloats(staging, n);
                piece.copyFrom(staging.asSlice(0, piece.byteSize()));
            }
        }
    }

    /**
     * {@code MPI_Iallreduce} on native memory of fewer than 2^31 floats (a bucket); other segments are summed
     * before this returns, as {@link #allReduceSum(MemorySegment)} does.
     */
    @Override
    public Pending startAllReduceSum(MemorySegment floats) {
        long count = floats.byteSize() / Float.BYTES;
        if (!floats.isNative() || count > Integer.MAX_VALUE || floats.byteSize() % Float.BYTES != 0) {
            allReduceSum(floats);
            return Pending.DONE;
        }
        ensureOpen();
        Arena requestArena = Arena.ofAuto();
        MemorySegment request = requestArena.allocate(ValueLayout.ADDRESS);
        MemorySegment flag = requestArena.allocate(ValueLayout.JAVA_INT);
        mpi.startAllReduceSumFloats(floats, (int) count, request);
        return new Pending() {
            private boolean finished;

            @Override
            public boolean done() {
                if (!finished) finished = mpi.test(request, flag);
                return finished;
            }
        };
    }

    @Override
    public void broadcast(float[] data, int offset, int length, int root) {
        Objects.checkFromIndexSize(offset, length, data.length);
        broadcast(data, JAVA_FLOAT, mpi.floatType, offset, length, root);
    }

    @Override
    public void broadcast(byte[] data, int offset, int length, int root) {
        Objects.checkFromIndexSize(offset, length, data.length);
        broadcast(data, JAVA_BYTE, mpi.byteType, offset, length, root);
    }

    /** Broadcasts {@code length} elements of the primitive {@code array} through the staging buffer. */
    private void broadcast(Object array, ValueLayout layout, MemorySegment type, int offset, int length, int root) {
        checkRoot(root);
        ensureOpen();
        int chunk = (int) (STAGING_BYTES / layout.byteSize());
        for (int done = 0; done < length; done += chunk) {
            int count = Math.min(chunk, length - done);
            if (rank == root) MemorySegment.copy(array, offset + done, staging, layout, 0, count);
            mpi.broadcast(staging, count, type, root);
            if (rank != root) MemorySegment.copy(staging, layout, 0, array, offset + done, count);
        }
    }

    @Override
    public void barrier() {
        ensureOpen();
        mpi.barrier();
    }

    /** Calls {@code MPI_Abort} on {@code MPI_COMM_WORLD}: mpirun ends every rank and exits with an error. */
    @Override
    public void abort(int exitCode) {
        System.out.flush();
        System.err.flush();
        mpi.abort(exitCode);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        mpi.finalizeMpi();
        arena.close();
    }

    private void checkRoot(int root) {
        if (root < 0 || root >= size) {
            throw new IllegalArgumentException("root " + root + " is not a rank of a group of " + size);
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("the MPI communicator is closed");
    }
}
