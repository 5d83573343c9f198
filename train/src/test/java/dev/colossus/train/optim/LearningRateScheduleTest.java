package dev.colossus.train.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysByCosineToTheFloor() {
        LearningRateSchedule s = LearningRateSchedule.withTenPercentFloor(1e-3, 10, 111);
        assertThat(s.at(0)).isCloseTo(1e-4f, offset(1e-9f));
        assertThat(s.at(4)).isCloseTo(5e-4f, offset(1e-9f));
        assertThat(s.at(9)).isCloseTo(1e-3f, offset(1e-9f));
        assertThat(s.at(10)).isCloseTo(1e-3f, offset(1e-9f));
        assertThat(s.at(60)).as("half-way through the decay").isCloseTo(5.5e-4f, offset(1e-8f));
        assertThat(s.at(110)).isCloseTo(1e-4f, offset(1e-9f));
        assertThat(s.at(500)).isCloseTo(1e-4f, offset(1e-9f));
        for (int i = 10; i < 110; i++) assertThat(s.at(i + 1)).isLessThanOrEqualTo(s.at(i));
    }

    @Test
    void rejectsInconsistentSettings() {
        assertThatThrownBy(() -> new LearningRateSchedule(1e-3, 2e-3, 0, 10)).hasMessageContaining("minimum");
        assertThatThrownBy(() -> new LearningRateSchedule(1e-3, 0, 11, 10)).hasMessageContaining("warmup");
        assertThatThrownBy(() -> new LearningRateSchedule(0, 0, 0, 10)).hasMessageContaining("positive");
    }
}
