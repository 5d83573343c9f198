package dev.colossus.social.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IndexMarkTest {

    @Test
    void aFailedPostHoldsTheMarkBelowItWhateverSucceedsAfterIt() {
        IndexMark mark = new IndexMark(100);
        mark.handedOver(101);
        mark.handedOver(102);
        mark.failed(102);
        mark.handedOver(103);
        mark.handedOver(104);

        assertThat(mark.mark()).isEqualTo(101);
        assertThat(mark.highest()).isEqualTo(104);
        assertThat(mark.unindexed()).isEqualTo(1);
        assertThat(mark.refeedFrom(104)).isEqualTo(101);
    }

    @Test
    void theMarkMovesOnOnceTheFailedPostIsFedAgain() {
        IndexMark mark = new IndexMark(100);
        mark.handedOver(101);
        mark.failed(101);
        mark.handedOver(102);
        List<Long> failures = mark.failures();

        mark.fedThrough(102);
        mark.refed(failures);

        assertThat(mark.mark()).isEqualTo(102);
        assertThat(mark.hasFailures()).isFalse();
    }

    @Test
    void aFailureDuringTheRefeedKeepsHoldingTheMark() {
        IndexMark mark = new IndexMark(100);
        mark.failed(101);
        List<Long> failures = mark.failures();
        mark.failed(105); // while the re-feed ran
        mark.fedThrough(104);
        mark.refed(failures);

        assertThat(mark.mark()).isEqualTo(104);
        assertThat(mark.failures()).containsExactly(105L);
    }

    @Test
    void losingTheWriterTurnsEverythingSinceTheLastCommitIntoFailures() {
        IndexMark mark = new IndexMark(100);
        mark.handedOver(101);
        Set<Long> committed = mark.commitStarting(); // 101 is durable once this commit succeeds
        mark.handedOver(102);
        mark.handedOver(103);

        mark.writerLost();

        assertThat(committed).containsExactly(101L);
        assertThat(mark.failures()).containsExactly(102L, 103L);
        assertThat(mark.mark()).isEqualTo(101);
        assertThat(mark.refeedFrom(101)).isEqualTo(101);
    }

    @Test
    void aFailedCommitGivesItsPostsBackToBeLostWithTheWriter() {
        IndexMark mark = new IndexMark(100);
        mark.handedOver(101);
        Set<Long> committing = mark.commitStarting();
        mark.commitFailed(committing);

        mark.writerLost();

        assertThat(mark.failures()).containsExactly(101L);
        assertThat(mark.mark()).isEqualTo(100);
    }

    @Test
    void aFailureBelowTheCommittedMarkMovesTheRefeedBack() {
        IndexMark mark = new IndexMark(200);
        mark.failed(150); // an older post's event arrived late and failed

        assertThat(mark.mark()).isEqualTo(149);
        assertThat(mark.refeedFrom(200)).isEqualTo(149);
    }
}
