package dev.colossus.social.importer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadTest {

    @Test
    void itemsArriveInOrderAcrossChunks() {
        List<Long> out = new ArrayList<>();
        try (ReadAhead<Long> r = new ReadAhead<>(LongStream.rangeClosed(1, 10_007).boxed().iterator(), 100, 2)) {
            r.forEachRemaining(out::add);
        }
        assertThat(out).hasSize(10_007).isSorted().startsWith(1L).endsWith(10_007L);
    }

    @Test
    void aFailingSourceFailsTheConsumerAfterTheItemsBeforeIt() {
        Iterator<Integer> failing = new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                if (n == 5) throw new IllegalStateException("disk gone");
                return true;
            }

            @Override
            public Integer next() {
                return n++;
            }
        };
        try (ReadAhead<Integer> r = new ReadAhead<>(failing, 2, 8)) {
            List<Integer> seen = new ArrayList<>();
            assertThatThrownBy(() -> r.forEachRemaining(seen::add)).isInstanceOf(IllegalStateException.class).hasMessage("disk gone");
            assertThat(seen).isSubsetOf(0, 1, 2, 3, 4);
        }
    }
}
