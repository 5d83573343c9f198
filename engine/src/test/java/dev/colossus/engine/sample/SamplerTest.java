package dev.colossus.engine.sample;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamplerTest {
    private static final float[] LOGITS = {1f, 5f, 4.9f, -2f, 3f, 5f};

    private static Set<Integer> drawn(SamplingParams p, int times) {
        Sampler s = new Sampler(p, LOGITS.length);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < times; i++) seen.add(s.sample(LOGITS.clone(), 0));
        return seen;
    }

    @Test
    void temperatureZeroPicksTheLargestLogitLowestIdOnTies() {
        assertThat(new Sampler(SamplingParams.greedy(), 6).sample(LOGITS.clone(), 0)).isEqualTo(1);
    }

    @Test
    void aRedrawChoosesOnlyAmongTheLastDrawsCandidatesThatAreAllowed() {
        SamplingParams p = SamplingParams.defaults(1).withTemperature(5f).withTopK(3).withTopP(1f).withMinP(0f);
        Sampler s = new Sampler(p, LOGITS.length);
        Set<Integer> redrawn = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            s.sample(LOGITS.clone(), 0); // candidates 1, 5, 2
            redrawn.add(s.redrawAmong(t -> t != 1));
        }
        assertThat(redrawn).containsExactlyInAnyOrder(5, 2);
        s.sample(LOGITS.clone(), 0);
        assertThat(s.redrawAmong(t -> t == 4)).as("4 was not among the top 3").isEqualTo(-1);
        Sampler greedy = new Sampler(SamplingParams.greedy(), LOGITS.length);
        greedy.sample(LOGITS.clone(), 0);
        assertThat(greedy.redrawAmong(t -> true)).isEqualTo(-1);
    }

    @Test
    void samplingAmongGivenIdsDrawsOnlyThoseWithTheSameFilters() {
        SamplingParams p = SamplingParams.defaults(1).withTemperature(5f).withTopK(2).withTopP(1f).withMinP(0f);
        Sampler s = new Sampler(p, LOGITS.length);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) seen.add(s.sampleAmong(LOGITS.clone(), 0, new int[]{0, 3, 4, 2}));
        assertThat(seen).as("top-2 of the given ids").containsExactlyInAnyOrder(2, 4);
        assertThat(new Sampler(SamplingParams.greedy(), 6).sampleAmong(LOGITS.clone(), 0, new int[]{3, 5, 0}))
                .isEqualTo(5);
        assertThatThrownBy(() -> s.sampleAmong(LOGITS.clone(), 0, new int[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topKLimitsTheCandidates() {
        SamplingParams p = SamplingParams.defaults(1).withTemperature(5f).withTopK(2).withTopP(1f).withMinP(0f);
        assertThat(drawn(p, 300)).containsExactlyInAnyOrder(1, 5);
    }

    @Test
    void topPKeepsTheSmallestSetReachingTheMass() {
        SamplingParams p = SamplingParams.defaults(1).withTemperature(1f).withTopK(0).withTopP(0.5f).withMinP(0f);
        assertThat(drawn(p, 300)).containsExactlyInAnyOrder(1, 5); // ids 1 and 5 hold ~37% each
    }

    @Test
    void minPDropsUnlikelyTokens() {
        SamplingParams p = SamplingParams.defaults(1).withTemperature(1f).withTopK(0).withTopP(1f).withMinP(0.5f);
        assertThat(drawn(p, 300)).containsExactlyInAnyOrder(1, 2, 5); // e^-0.1 > 0.5 > e^-2
    }

    @Test
    void withoutLimitsEveryTokenCanBeDrawn() {
        SamplingParams p = SamplingParams.defaults(3).withTemperature(20f).withTopK(0).withTopP(1f).withMinP(0f);
        assertThat(drawn(p, 2000)).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void repetitionPenaltyLowersRecentTokens() {
        Sampler s = new Sampler(SamplingParams.greedy().withRepetitionPenalty(2f), 6);
        s.accept(1);
        s.accept(5);
        assertThat(s.sample(LOGITS.clone(), 0)).isEqualTo(2);
    }

    @Test
    void theSameSeedDrawsTheSameSequence() {
        SamplingParams p = SamplingParams.defaults(99).withTemperature(3f).withTopK(0).withTopP(1f).withMinP(0f);
        Sampler a = new Sampler(p, 6), b = new Sampler(p, 6);
        for (int i = 0; i < 50; i++) assertThat(a.sample(LOGITS.clone(), 0)).isEqualTo(b.sample(LOGITS.clone(), 0));
    }

    @Test
    void invalidParametersAreRejected() {
        assertThatThrownBy(() -> SamplingParams.greedy().withTemperature(-1f)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> SamplingParams.greedy().withTopP(0f)).hasMessageContaining("top-p");
        assertThatThrownBy(() -> SamplingParams.greedy().withTopK(-3)).hasMessageContaining("top-k");
    }
}
