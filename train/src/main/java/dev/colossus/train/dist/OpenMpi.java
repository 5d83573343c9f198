package dev.colossus.train.dist;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The few functions and predefined handles of Open MPI's C library that {@link MpiCommunicator} calls, bound through
 * the foreign function API from {@code libmpi} found at run time. Open MPI's {@code mpi.h} defines its handles
 * ({@code MPI_COMM_WORLD}, {@code MPI_FLOAT}, {@code MPI_SUM}, {@code MPI_BYTE}) as the addresses of global objects
 * ({@code ompi_mpi_comm_world} ...), so they are looked up as symbols; this binding is specific to Open MPI (MPICH
 * uses integer handles). Every call returns MPI's error code; {@link #check} turns a failure into an exception.
 *
 * <p>Open MPI installs handlers for SIGSEGV, SIGBUS and SIGFPE only where none is installed yet ({@code opal_signal});
 * the JVM, which needs those signals itself, has installed its own long before, so they stay the JVM's.
 */
final class OpenMpi {
    /** Where {@code libmpi} is looked for, in order: the development link, the runtime soname, Debian's path. */
    static final List<String> LIBRARY_CANDIDATES =
            List.of("libmpi.so", "libmpi.so.40", "/usr/lib/x86_64-linux-gnu/libmpi.so.40");

    /** {@code MPI_THREAD_SERIALIZED}: any thread may call, one at a time. */
    static final int THREAD_SERIALIZED = 2;
    /** {@code MPI_IN_PLACE} of Open MPI: the address 1. */
    static final MemorySegment IN_PLACE = MemorySegment.ofAddress(1);
    private static final int SUCCESS = 0;
    private static final int MAX_ERROR_STRING = 256;

    final MemorySegment commWorld;
    final MemorySegment floatType;
    final MemorySegment byteType;
    final MemorySegment sumOp;
    private final MethodHandle initThread;
    private final MethodHandle commRank;
    private final MethodHandle commSize;
    private final MethodHandle allreduce;
    private final MethodHandle iallreduce;
    private final MethodHandle test;
    private final MethodHandle bcast;
    private final MethodHandle barrier;
    private final MethodHandle finalizeMpi;
    private final MethodHandle abort;
    private final MethodHandle errorString;

    private OpenMpi(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        commWorld = symbol(lib, "ompi_mpi_comm_world");
        floatType = symbol(lib, "ompi_mpi_float");
        byteType = symbol(lib, "ompi_mpi_byte");
        sumOp = symbol(lib, "ompi_mpi_op_sum");
        initThread = linker.downcallHandle(symbol(lib, "MPI_Init_thread"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        commRank = linker.downcallHandle(symbol(lib, "MPI_Comm_rank"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        commSize = linker.downcallHandle(symbol(lib, "MPI_Comm_size"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        allreduce = linker.downcallHandle(symbol(lib, "MPI_Allreduce"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        iallreduce = linker.downcallHandle(symbol(lib, "MPI_Iallreduce"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        test = linker.downcallHandle(symbol(lib, "MPI_Test"), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        bcast = linker.downcallHandle(symbol(lib, "MPI_Bcast"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        barrier = linker.downcallHandle(symbol(lib, "MPI_Barrier"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        finalizeMpi = linker.downcallHandle(symbol(lib, "MPI_Finalize"), FunctionDescriptor.of(JAVA_INT));
        abort = linker.downcallHandle(symbol(lib, "MPI_Abort"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        errorString = linker.downcallHandle(symbol(lib, "MPI_Error_string"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    }

    /**
     * Loads the first of {@code candidates} that the dynamic linker finds, for the life of the process.
     *
     * @throws CommunicatorException naming the candidates when none loads, or when the one that loads lacks Open
     *     MPI's symbols (another MPI)
     */
    static OpenMpi load(List<String> candidates) {
        for (String name : candidates) {
            SymbolLookup lib;
            try {
                lib = SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException notFound) {
                continue;
            }
            return new OpenMpi(lib);
        }
        throw new CommunicatorException("Open MPI's library could not be loaded (tried " + String.join(", ", candidates)
                + "); install Open MPI (Debian: apt-get install openmpi-bin)");
    }

    private static MemorySegment symbol(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new CommunicatorException(
                "the MPI library found has no " + name + ": Colossus needs Open MPI (not MPICH or another MPI)"));
    }

    /** {@code MPI_Init_thread(NULL, NULL, required, &provided)}; returns the thread level provided. */
    int initThread(int required) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment provided = arena.allocate(JAVA_INT);
            check((int) initThread.invokeExact(MemorySegment.NULL, MemorySegment.NULL, required, provided),
                    "MPI_Init_thread");
            return provided.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int rank() {
        return intResult(commRank, "MPI_Comm_rank");
    }

    int size() {
        return intResult(commSize, "MPI_Comm_size");
    }

    private int intResult(MethodHandle function, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) function.invokeExact(commWorld, out), name);
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Sums {@code count} floats at {@code buffer} over all ranks, in place. */
    void allReduceSumFloats(MemorySegment buffer, int count) {
        try {
            check((int) allreduce.invokeExact(IN_PLACE, buffer, count, floatType, sumOp, commWorld), "MPI_Allreduce");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Starts summing {@code count} floats at {@code buffer} over all ranks, in place ({@code MPI_Iallreduce}); the
     * request handle is written into {@code request} (an {@code MPI_Request}, a pointer in Open MPI).
     */
    void startAllReduceSumFloats(MemorySegment buffer, int count, MemorySegment request) {
        try {
            check((int) iallreduce.invokeExact(IN_PLACE, buffer, count, floatType, sumOp, commWorld, request),
                    "MPI_Iallreduce");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code MPI_Test(request, flag, MPI_STATUS_IGNORE)}: progresses the request and returns whether it is complete
     * (a complete request is freed and set to {@code MPI_REQUEST_NULL}, which tests complete from then on).
     */
    boolean test(MemorySegment request, MemorySegment flag) {
        try {
            check((int) test.invokeExact(request, flag, MemorySegment.NULL), "MPI_Test");
            return flag.get(JAVA_INT, 0) != 0;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Broadcasts {@code count} elements of {@code type} at {@code buffer} from {@code root}. */
    void broadcast(MemorySegment buffer, int count, MemorySegment type, int root) {
        try {
            check((int) bcast.invokeExact(buffer, count, type, root, commWorld), "MPI_Bcast");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void barrier() {
        try {
            check((int) barrier.invokeExact(commWorld), "MPI_Barrier");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void finalizeMpi() {
        try {
            check((int) finalizeMpi.invokeExact(), "MPI_Finalize");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code MPI_Abort(MPI_COMM_WORLD, exitCode)}: ends every rank; returns only if the library fails to. */
    void abort(int exitCode) {
        try {
            check((int) abort.invokeExact(commWorld, exitCode), "MPI_Abort");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private void check(int code, String function) throws Throwable {
        if (code == SUCCESS) return;
        String text;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(JAVA_BYTE, MAX_ERROR_STRING);
            MemorySegment length = arena.allocate(JAVA_INT);
            int ignored = (int) errorString.invokeExact(code, buffer, length);
            text = buffer.getString(0);
        }
        throw new CommunicatorException(function + " failed: " + text + " (MPI error " + code + ")");
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) return e;
        if (t instanceof Error e) throw e;
        return new CommunicatorException("MPI call failed: " + t, t);
    }
}
