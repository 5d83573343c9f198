package dev.colossus.train.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BucketedAllReduceTest {

    /**
     * The view from one rank of a pair whose two ranks hold the same values: a sum over them doubles every element.
     * Records the size of every reduction it is asked for.
     */
    private static final class IdenticalPair implements Communicator {
        final List<Long> reducedFloats = new ArrayList<>();

        @Override public int rank() { return 0; }
        @Override public int size() { return 2; }

        @Override
        public void allReduceSum(float[] data, int offset, int length) {
            throw new AssertionError("buckets are reduced as native segments");
        }

        @Override
        public void allReduceSum(MemorySegment floats) {
            assertThat(floats.isNative()).isTrue();
            long n = floats.byteSize() / Float.BYTES;
            reducedFloats.add(n);
            for (long i = 0; i < n; i++) floats.setAtIndex(ValueLayout.JAVA_FLOAT, i, 2 * floats.getAtIndex(ValueLayout.JAVA_FLOAT, i));
        }

        @Override public void broadcast(float[] data, int offset, int length, int root) {}
        @Override public void broadcast(byte[] data, int offset, int length, int root) {}
        @Override public void barrier() {}
        @Override public void abort(int exitCode) {}
        @Override public void close() {}
    }

    private static List<float[]> tensors(int... lengths) {
        List<float[]> tensors = new ArrayList<>();
        float value = 1;
        for (int length : lengths) {
            float[] tensor = new float[length];
            for (int i = 0; i < length; i++) tensor[i] = value++;
            tensors.add(tensor);
        }
        return tensors;
    }

    @Test
    void everyElementIsReducedExactlyOnceInBucketsNoLargerThanTheBucket() {
        for (int bucketFloats : new int[] {1, 3, 7, 10, 64, 1000}) {
            IdenticalPair pair = new IdenticalPair();
            int[] lengths = {3, 0, 17, 10, 1, 25, 7};
            List<float[]> tensors = tensors(lengths);
            try (BucketedAllReduce buckets = new BucketedAllReduce(pair, bucketFloats * Float.BYTES)) {
                buckets.sum(tensors);
            }
            List<float[]> original = tensors(lengths);
            for (int t = 0; t < lengths.length; t++) {
                float[] expected = original.get(t);
                for (int i = 0; i < expected.length; i++) expected[i] *= 2;
                assertThat(tensors.get(t)).as("tensor %d, bucket of %d floats", t, bucketFloats).containsExactly(expected);
            }
            int total = 63;
            assertThat(pair.reducedFloats.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
            assertThat(pair.reducedFloats).allSatisfy(n -> assertThat(n).isBetween(1L, (long) bucketFloats));
            assertThat(pair.reducedFloats).hasSize((total + bucketFloats - 1) / bucketFloats);
        }
    }

    @Test
    void meanDividesTheSumByTheGroupSize() {
        IdenticalPair pair = new IdenticalPair();
        List<float[]> tensors = List.of(new float[] {2f, -6f}, new float[] {0.5f});
        try (BucketedAllReduce buckets = new BucketedAllReduce(pair, 8)) {
            buckets.mean(tensors);
        }
        assertThat(pair.reducedFloats).containsExactly(2L, 1L);
        assertThat(tensors.get(0)).containsExactly(2f, -6f);
        assertThat(tensors.get(1)).containsExactly(0.5f);
    }

    @Test
    void aSingleProcessLeavesTensorsAsTheyAre() {
        List<float[]> tensors = tensors(5, 3);
        try (BucketedAllReduce buckets = new BucketedAllReduce(SingleProcess.INSTANCE)) {
            buckets.sum(tensors);
            buckets.mean(tensors);
        }
        assertThat(tensors.get(0)).containsExactly(1, 2, 3, 4, 5);
        assertThat(tensors.get(1)).containsExactly(6, 7, 8);
    }

    /**
     * An identical pair whose started reductions finish only once the test opens the gate, and which records the
     * threads it is called on.
     */
    private static class GatedPair implements Communicator {
        final IdenticalPair sums = new IdenticalPair();
        final CountDownLatch gate = new CountDownLatch(1);
        final Set<Thread> callers = ConcurrentHashMap.newKeySet();
        final AtomicInteger started = new AtomicInteger();

        @Override public int rank() { return 0; }
        @Override public int size() { return 2; }
        @Override public void allReduceSum(float[] data, int offset, int length) { throw new AssertionError("not a bucket"); }

        @Override
        public void allReduceSum(MemorySegment floats) {
            throw new AssertionError("started reductions are started, not blocking");
        }

        @Override
        public Pending startAllReduceSum(MemorySegment floats) {
            callers.add(Thread.currentThread());
            started.incrementAndGet();
            return () -> {
                callers.add(Thread.currentThread());
                if (gate.getCount() > 0) return false;
                sums.allReduceSum(floats);
                return true;
            };
        }

        @Override public void broadcast(float[] data, int offset, int length, int root) {}
        @Override public void broadcast(byte[] data, int offset, int length, int root) {}
        @Override public void barrier() {}
        @Override public void abort(int exitCode) {}
        @Override public void close() {}
    }

    @Test
    void startedSumsGoOnWhileTheCallerWorksAndAwaitEndsWithTheSums() throws Exception {
        GatedPair pair = new GatedPair();
        List<float[]> first = tensors(3, 5), second = tensors(4);
        try (BucketedAllReduce buckets = new BucketedAllReduce(pair, 4 * Float.BYTES)) {
            buckets.startSum(first);
            buckets.startSum(second);
            // both calls returned while the first bucket is still on its way
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (pair.started.get() == 0 && System.nanoTime() < deadline) Thread.sleep(1);
            assertThat(pair.started.get()).isEqualTo(1);
            assertThatThrownBy(() -> buckets.sum(first)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("pending");
            pair.gate.countDown();
            buckets.await();
        }
        // each element summed with the (identical) other rank's
        List<float[]> original = tensors(3, 5);
        for (int t = 0; t < 2; t++) {
            float[] expected = original.get(t);
            for (int i = 0; i < expected.length; i++) expected[i] = 2 * expected[i];
            assertThat(first.get(t)).containsExactly(expected);
        }
        assertThat(second.get(0)).containsExactly(2 * 1f, 2 * 2f, 2 * 3f, 2 * 4f);
        // 8 floats of the first list in two buckets, then the second list in its own bucket
        assertThat(pair.sums.reducedFloats).containsExactly(4L, 4L, 4L);
        assertThat(pair.callers).doesNotContain(Thread.currentThread());
    }

    @Test
    void aSingleProcessLeavesStartedSumsAsTheyAre() {
        List<float[]> tensors = tensors(2);
        try (BucketedAllReduce buckets = new BucketedAllReduce(SingleProcess.INSTANCE)) {
            buckets.startSum(tensors);
            buckets.await();
        }
        assertThat(tensors.get(0)).containsExactly(1f, 2f);
    }

    @Test
    void aFailedStartedSumIsThrownByAwait() {
        Communicator failing = new GatedPair() {
            @Override
            public Pending startAllReduceSum(MemorySegment floats) {
                throw new CommunicatorException("MPI_Iallreduce failed: test");
            }
        };
        try (BucketedAllReduce buckets = new BucketedAllReduce(failing)) {
            buckets.startSum(tensors(3));
            assertThatThrownBy(buckets::await).isInstanceOf(CommunicatorException.class)
                    .hasMessageContaining("MPI_Iallreduce failed");
        }
    }

    @Test
    void rejectsABucketTooSmallForAFloat() {
        assertThatThrownBy(() -> new BucketedAllReduce(SingleProcess.INSTANCE, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no float");
    }
}
