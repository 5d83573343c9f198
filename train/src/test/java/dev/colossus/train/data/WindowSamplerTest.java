package dev.colossus.train.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WindowSamplerTest {

    static TokenData counting(int n) {
        return new TokenData(IntStream.range(0, n).toArray(), null, null, 0);
    }

    @Test
    void windowsDependOnlyOnSeedStepAndIndexAndPredictTheNextToken() {
        WindowSampler a = new WindowSampler(counting(1000), 16, 0.1, 7);
        WindowSampler b = new WindowSampler(counting(1000), 16, 0.1, 7);

        for (int step = 0; step < 50; step++) {
            Window w = a.train(step, 3);
            assertThat(w.inputs()).isEqualTo(b.train(step, 3).inputs());
            for (int i = 0; i < 16; i++) assertThat(w.targets()[i]).isEqualTo(w.inputs()[i] + 1);
            assertThat(w.inputs()[15] + 1).as("training windows stay out of the held-out tail").isLessThanOrEqualTo(900);
        }
        assertThat(a.train(5, 0).inputs()).isNotEqualTo(a.train(5, 1).inputs());
        assertThat(new WindowSampler(counting(1000), 16, 0.1, 8).train(5, 0).inputs()).isNotEqualTo(a.train(5, 0).inputs());
    }

    @Test
    void validationWindowsCoverTheHeldOutTailAndEndPadded() {
        WindowSampler sampler = new WindowSampler(counting(1000), 16, 0.1, 7);

        assertThat(sampler.trainTokens()).isEqualTo(900);
        List<Window> val = sampler.validation(100);
        assertThat(val.getFirst().inputs()[0]).isEqualTo(900);
        Window last = val.getLast();
        assertThat(last.targets()[last.targets().length - 1]).isEqualTo(Window.IGNORED);
        assertThat(val.stream().mapToInt(Window::targetCount).sum()).isEqualTo(99);
        assertThat(new WindowSampler(counting(1000), 16, 0, 7).validation(100)).isEmpty();
    }

    @Test
    void sequencesStartWindowsAndOnlyMarkedTokensAreTargets() {
        TokenData data = TokenData.of(List.of(
                new TrainingSequence(new int[] {1, 2, 3, 4}, new boolean[] {false, false, true, true}),
                new TrainingSequence(new int[] {5, 6, 7}, new boolean[] {false, true, true})), 9);
        WindowSampler sampler = new WindowSampler(data, 4, 0, 1);

        for (int step = 0; step < 20; step++) {
            Window w = sampler.train(step, 0);
            assertThat(w.inputs()[0]).isIn(1, 5);
            if (w.inputs()[0] == 1) {
                assertThat(w.targets()).containsExactly(Window.IGNORED, 3, 4, Window.IGNORED);
            } else {
                assertThat(w.inputs()).containsExactly(5, 6, 7, 9);
                assertThat(w.targets()).containsExactly(6, 7, Window.IGNORED, Window.IGNORED);
            }
        }
    }

    @Test
    void aCorpusSmallerThanOneBatchIsRefused() {
        WindowSampler sampler = new WindowSampler(counting(100), 16, 0, 7);
        sampler.requireBatch(6);
        assertThatThrownBy(() -> sampler.requireBatch(7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer than one batch");
    }
}
