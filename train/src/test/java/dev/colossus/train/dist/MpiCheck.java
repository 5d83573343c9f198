package dev.colossus.train.dist;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The program each rank runs under {@code mpirun} in {@link MpiCommunicatorTest}: collectives on values whose result
 * is known, checked on every rank. Prints {@code rank R of S: ok} and exits 0, or prints what differed and aborts
 * the job. Arguments: {@code expectedSize [abortingRank]}; the aborting rank aborts the job before the first
 * collective, while the others wait in it.
 */
public final class MpiCheck {
    public static void main(String[] args) {
        int expectedSize = Integer.parseInt(args[0]);
        Communicator comm = Communicators.fromEnvironment();
        try {
            int rank = comm.rank();
            int size = comm.size();
            if (args.length > 1 && rank == Integer.parseInt(args[1])) {
                System.out.println("rank " + rank + ": aborting");
                comm.abort(3);
            }
            check(comm instanceof MpiCommunicator, "mpirun's ranks get an MPI communicator, got " + comm);
            check(size == expectedSize, "size " + size + ", expected " + expectedSize);
            long rankSum = (long) size * (size - 1) / 2;

            // Longer than the staging buffer, at an offset: the range is reduced in pieces, the rest left alone.
            int length = MpiCommunicator.STAGING_BYTES / Float.BYTES + 12_345;
            float[] data = new float[length + 7];
            for (int i = 0; i < data.length; i++) data[i] = rank * 1000 + (i % 1000);
            comm.allReduceSum(data, 5, length);
            for (int i = 0; i < data.length; i++) {
                float expected = i < 5 || i >= 5 + length ? rank * 1000 + (i % 1000) : size * (i % 1000) + 1000 * rankSum;
                check(data[i] == expected, "allReduceSum[" + i + "] = " + data[i] + ", expected " + expected);
            }

            float[] mean = {rank, 2 * rank + 1};
            comm.allReduceMean(mean, 0, 2);
            check(mean[0] == (float) rankSum / size && mean[1] == (2f * rankSum + size) / size,
                    "allReduceMean = " + mean[0] + ", " + mean[1]);

            try (Arena arena = Arena.ofConfined()) {
                MemorySegment segment = arena.allocate(ValueLayout.JAVA_FLOAT, 100);
                for (int i = 0; i < 100; i++) segment.setAtIndex(ValueLayout.JAVA_FLOAT, i, i + rank);
                comm.allReduceSum(segment);
                for (int i = 0; i < 100; i++) {
                    float got = segment.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                    check(got == size * i + rankSum, "segment allReduceSum[" + i + "] = " + got);
                }
            }
            float[] onHeap = {rank, 10 + rank, 20 + rank};
            comm.allReduceSum(MemorySegment.ofArray(onHeap).asSlice(Float.BYTES));
            check(onHeap[0] == rank && onHeap[1] == 10 * size + rankSum && onHeap[2] == 20 * size + rankSum,
                    "heap segment allReduceSum = " + java.util.Arrays.toString(onHeap));

            // Tensors of awkward lengths (one empty) through 10-float buckets: pieces split across buckets.
            int[] lengths = {3, 0, 17, 10, 1, 25};
            List<float[]> tensors = new ArrayList<>();
            for (int t = 0; t < lengths.length; t++) {
                float[] tensor = new float[lengths[t]];
                for (int i = 0; i < tensor.length; i++) tensor[i] = 100 * t + i + rank;
                tensors.add(tensor);
            }
            try (BucketedAllReduce buckets = new BucketedAllReduce(comm, 10 * Float.BYTES)) {
                buckets.mean(tensors);
            }
            for (int t = 0; t < lengths.length; t++) {
                for (int i = 0; i < lengths[t]; i++) {
                    float expected = 100 * t + i + (float) rankSum / size;
                    check(tensors.get(t)[i] == expected, "bucketed mean of tensor " + t + "[" + i + "] = "
                            + tensors.get(t)[i] + ", expected " + expected);
                }
            }

            // The same tensors started on the reducer's thread (MPI_Iallreduce, polled).
            List<float[]> started = new ArrayList<>();
            for (int t = 0; t < lengths.length; t++) {
                float[] tensor = new float[lengths[t]];
                for (int i = 0; i < tensor.length; i++) tensor[i] = 100 * t + i + rank;
                started.add(tensor);
            }
            try (BucketedAllReduce buckets = new BucketedAllReduce(comm, 10 * Float.BYTES)) {
                buckets.startSum(started.subList(0, 3));
                buckets.startSum(started.subList(3, lengths.length));
                buckets.await();
            }
            for (int t = 0; t < lengths.length; t++) {
                for (int i = 0; i < lengths[t]; i++) {
                    float expected = 0;
                    for (int r = 0; r < size; r++) expected += 100f * t + i + r;
                    check(started.get(t)[i] == expected, "started sum of tensor " + t + "[" + i + "] = "
                            + started.get(t)[i] + ", expected " + expected);
                }
            }

            int root = size - 1;
            float[] weights = new float[300];
            if (rank == root) for (int i = 0; i < weights.length; i++) weights[i] = i * 0.5f;
            comm.broadcast(weights, 0, weights.length, root);
            for (int i = 0; i < weights.length; i++) check(weights[i] == i * 0.5f, "broadcast float[" + i + "] = " + weights[i]);

            byte[] bytes = new byte[MpiCommunicator.STAGING_BYTES + 3];
            if (rank == 0) for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 31);
            comm.broadcast(bytes, 0, bytes.length, 0);
            for (int i = 0; i < bytes.length; i++) check(bytes[i] == (byte) (i * 31), "broadcast byte[" + i + "] = " + bytes[i]);

            comm.barrier();
            System.out.println("rank " + rank + " of " + size + ": ok");
        } catch (IllegalStateException e) {
            System.out.println("rank " + comm.rank() + ": " + e.getMessage());
            comm.abort(1);
        }
        comm.close();
    }

    private static void check(boolean condition, String message) {
        if (!condition) throw new IllegalStateException(message);
    }
}
