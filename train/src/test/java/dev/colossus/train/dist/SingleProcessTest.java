package dev.colossus.train.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class SingleProcessTest {
    private final Communicator comm = SingleProcess.INSTANCE;

    @Test
    void isRankZeroOfOneAndTheRoot() {
        assertThat(comm.rank()).isZero();
        assertThat(comm.size()).isOne();
        assertThat(comm.isRoot()).isTrue();
    }

    @Test
    void sumAndMeanOverOneRankAreTheRanksOwnValues() {
        float[] data = {1.5f, -2f, 3.25f, 1e-7f};
        comm.allReduceSum(data, 0, 4);
        assertThat(data).containsExactly(1.5f, -2f, 3.25f, 1e-7f);
        comm.allReduceMean(data, 1, 3);
        assertThat(data).containsExactly(1.5f, -2f, 3.25f, 1e-7f);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 4f, 5f);
            comm.allReduceSum(segment);
            assertThat(segment.toArray(ValueLayout.JAVA_FLOAT)).containsExactly(4f, 5f);
        }
    }

    @Test
    void broadcastFromItselfKeepsTheData() {
        byte[] bytes = {1, 2, 3};
        comm.broadcast(bytes, 0, 3, 0);
        assertThat(bytes).containsExactly(1, 2, 3);
        float[] floats = {7f};
        comm.broadcast(floats, 0, 1, 0);
        assertThat(floats).containsExactly(7f);
        comm.barrier();
    }

    @Test
    void rejectsARootOutsideTheGroupAndRangesOutsideTheArray() {
        assertThatThrownBy(() -> comm.broadcast(new float[2], 0, 2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root 1");
        assertThatThrownBy(() -> comm.allReduceSum(new float[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> comm.broadcast(new byte[2], -1, 1, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
