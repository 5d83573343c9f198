package dev.colossus.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Each generated token's log-probability and its most likely alternatives, against llama.cpp's top-5. */
class LogprobsTest {

    @Test
    void greedyTokensCarryTheLogprobsLlamaCppGivesForTheSameSteps() throws Exception {
        String name = "rand-gemma2-spm32k-F16";
        JsonNode reference = new ObjectMapper().readTree(Fixtures.require("reference/families.json").toFile())
                .get("models").get(name).get(0);
        try (Engine engine = Engine.load(Fixtures.model(name + ".gguf"), Engine.Options.defaults().withThreads(2))) {
            GenerationResult r = engine.generate(GenerationRequest.of(reference.get("prompt").asText())
                    .withMaxTokens(8).withLogprobs(5)).result().get(60, TimeUnit.SECONDS);
            assertThat(r.logprobs()).hasSize(r.tokens().length);
            for (int step = 0; step < r.tokens().length; step++) {
                TokenLogprob ours = r.logprobs().get(step);
                JsonNode theirs = reference.get("greedy").get(step);
                assertThat(ours.token()).isEqualTo(r.tokens()[step]).isEqualTo(theirs.get("id").asInt());
                assertThat(ours.top()).hasSize(5);
                assertThat(ours.top().getFirst().token()).isEqualTo(ours.token());
                assertThat(ours.top().getFirst().logprob()).isEqualTo(ours.logprob());
                for (int k = 0; k < 5; k++) {
                    JsonNode pair = theirs.get("top5").get(k);
                    assertThat(ours.top().get(k).token()).as("step %d rank %d", step, k).isEqualTo(pair.get(0).asInt());
                    assertThat((double) ours.top().get(k).logprob()).as("step %d rank %d", step, k)
                            .isCloseTo(pair.get(1).asDouble(), within(1e-2));
                }
            }
        }
    }

    @Test
    void aSampledTokenOutsideTheTopStillHasItsOwnLogprobAndNoneAreReturnedUnlessAsked() throws Exception {
        try (Engine engine = Engine.load(Fixtures.model("stories260K.gguf"), Engine.Options.defaults().withThreads(2))) {
            GenerationResult plain = engine.generate(GenerationRequest.of("Once upon a time").withMaxTokens(6))
                    .result().get(60, TimeUnit.SECONDS);
            assertThat(plain.logprobs()).isEmpty();
            GenerationResult sampled = engine.generate(GenerationRequest.of("Once upon a time").withMaxTokens(30)
                            .withSampling(dev.colossus.engine.sample.SamplingParams.defaults(7).withTemperature(2f))
                            .withLogprobs(0)).result().get(60, TimeUnit.SECONDS);
            assertThat(sampled.logprobs()).hasSize(sampled.tokens().length);
            for (int i = 0; i < sampled.tokens().length; i++) {
                TokenLogprob t = sampled.logprobs().get(i);
                assertThat(t.token()).isEqualTo(sampled.tokens()[i]);
                assertThat(t.top()).isEmpty();
                assertThat(t.logprob()).isLessThanOrEqualTo(0f).isGreaterThan(-50f);
            }
        }
        assertThatThrownBy(() -> GenerationRequest.of("x").withLogprobs(21)).isInstanceOf(IllegalArgumentException.class);
    }
}
