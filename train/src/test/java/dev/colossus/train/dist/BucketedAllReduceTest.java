package dev.colossus.train.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void rejectsABucketTooSmallForAFloat() {
        assertThatThrownBy(() -> new BucketedAllReduce(SingleProcess.INSTANCE, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no float");
    }
}
