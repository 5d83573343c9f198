package dev.colossus.assistant;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationQueueTest {

    @Test
    void turnsAwayAtOnceWhenTheWaitingRoomIsFull() throws Exception {
        GenerationQueue queue = new GenerationQueue(1, 0, Duration.ofSeconds(30));
        try (GenerationQueue.Turn first = queue.enter()) {
            long start = System.nanoTime();
            assertThatThrownBy(queue::enter).isInstanceOf(GenerationQueue.Busy.class)
                    .matches(e -> ((GenerationQueue.Busy) e).queueFull());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        queue.enter().close();
    }

    @Test
    void aWaiterGivesUpAfterTheWaitLimitAndATurnFreedIsReused() throws Exception {
        GenerationQueue queue = new GenerationQueue(1, 1, Duration.ofMillis(100));
        GenerationQueue.Turn first = queue.enter();
        assertThatThrownBy(queue::enter).isInstanceOf(GenerationQueue.Busy.class)
                .matches(e -> !((GenerationQueue.Busy) e).queueFull());
        first.close();
        first.close(); // closing twice must not create a second turn
        GenerationQueue.Turn second = queue.enter();
        assertThatThrownBy(queue::enter).isInstanceOf(GenerationQueue.Busy.class);
        second.close();
    }
}
