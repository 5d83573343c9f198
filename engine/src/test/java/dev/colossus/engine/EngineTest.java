package dev.colossus.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.sample.SamplingParams;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generation through the engine's scheduler on the real stories260K model, against llama.cpp's continuations. */
class EngineTest {
    private static final String[] SLUGS = {"once_upon_a_time", "lily_and_tom", "the_little_dog", "punct_numbers"};
    private static Engine engine;

    @BeforeAll
    static void load() throws Exception {
        engine = Engine.load(Fixtures.model("stories260K.gguf"), Engine.Options.defaults().withThreads(2));
    }

    @AfterAll
    static void close() {
        if (engine != null) engine.close();
    }

    private static JsonNode reference(String slug) throws Exception {
        return new ObjectMapper().readTree(Fixtures.require("reference/stories260K." + slug + ".json").toFile());
    }

    private static int[] ids(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }

    @Test
    void greedyContinuationsAreByteIdenticalToLlamaCppForEveryPrompt() throws Exception {
        for (String slug : SLUGS) {
            JsonNode ref = reference(slug);
            JsonNode greedy = ref.get("greedy");
            StringBuilder streamed = new StringBuilder();
            GenerationResult r = engine.generate(GenerationRequest.of(ref.get("prompt").asText())
                            .withMaxTokens(greedy.get("n_predict").asInt()).withSpecialTokens(true, false))
                    .stream(streamed::append);
            assertThat(r.tokens()).as(slug).containsExactly(ids(greedy.get("ids")));
            String expected = new String(HexFormat.of().parseHex(greedy.get("text_bytes_hex").asText()),
                    StandardCharsets.UTF_8);
            assertThat(r.text()).as(slug).isEqualTo(expected);
            assertThat(streamed.toString()).isEqualTo(expected);
            assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
            assertThat(r.promptTokens()).isEqualTo(ref.get("tokens_add_special").size());
        }
    }

    @Test
    void concurrentGenerationsAreBatchedAndEachEqualsItsRunAlone() throws Exception {
        List<GenerationResult> alone = new ArrayList<>();
        for (String slug : SLUGS) {
            alone.add(engine.generate(GenerationRequest.of(reference(slug).get("prompt").asText()).withMaxTokens(40))
                    .result().get(60, TimeUnit.SECONDS));
        }
        List<Generation> together = new ArrayList<>();
        for (String slug : SLUGS) {
            together.add(engine.generate(GenerationRequest.of(reference(slug).get("prompt").asText()).withMaxTokens(40)));
        }
        for (int i = 0; i < SLUGS.length; i++) {
            GenerationResult r = together.get(i).result().get(60, TimeUnit.SECONDS);
            assertThat(r.tokens()).as(SLUGS[i]).containsExactly(alone.get(i).tokens());
            assertThat(r.text()).isEqualTo(alone.get(i).text());
        }
    }

    @Test
    void theSameSeedGivesTheSameSampledTextAndAnotherSeedDoesNot() throws Exception {
        GenerationRequest request = GenerationRequest.of("Once upon a time").withMaxTokens(48)
                .withSampling(SamplingParams.defaults(42).withTemperature(1.0f).withTopK(0).withTopP(1f).withMinP(0f));
        GenerationResult a = engine.generate(request).result().get(60, TimeUnit.SECONDS);
        GenerationResult b = engine.generate(request).result().get(60, TimeUnit.SECONDS);
        GenerationResult c = engine.generate(request.withSampling(request.sampling().withSeed(7)))
                .result().get(60, TimeUnit.SECONDS);
        assertThat(a.tokens()).containsExactly(b.tokens());
        assertThat(a.text()).isEqualTo(b.text());
        assertThat(c.tokens()).isNotEqualTo(a.tokens());
    }

    @Test
    void aStopStringEndsTheTextJustBeforeIt() throws Exception {
        JsonNode greedy = reference("once_upon_a_time").get("greedy");
        String full = greedy.get("text").asText();
        GenerationResult r = engine.generate(GenerationRequest.of("Once upon a time").withMaxTokens(64)
                .withStopStrings(List.of("Lily"))).result().get(60, TimeUnit.SECONDS);
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP_STRING);
        assertThat(r.text()).isEqualTo(full.substring(0, full.indexOf("Lily")));
    }

    @Test
    void cancellingStopsAGenerationMidway() throws Exception {
        Generation g = engine.generate(GenerationRequest.of("Once upon a time").withMaxTokens(100_000));
        CountDownLatch firstText = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            try {
                g.stream(t -> firstText.countDown());
            } catch (InterruptedException ignored) {
            }
        });
        assertThat(firstText.await(30, TimeUnit.SECONDS)).isTrue();
        g.cancel();
        GenerationResult r = g.result().get(30, TimeUnit.SECONDS);
        assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(r.tokens().length).isGreaterThan(0).isLessThan(engine.config().contextLength() - 10);
    }

    @Test
    void aSessionReusesTheCachedPrefixAndGivesTheSameContinuation() throws Exception {
        Session session = engine.newSession();
        GenerationResult first = session.generate(GenerationRequest.of("Once upon a time").withMaxTokens(10))
                .result().get(60, TimeUnit.SECONDS);
        String followUp = "Once upon a time" + first.text() + " The end.";
        GenerationResult again = session.generate(GenerationRequest.of(followUp).withMaxTokens(12))
                .result().get(60, TimeUnit.SECONDS);
        GenerationResult fresh = engine.newSession().generate(GenerationRequest.of(followUp).withMaxTokens(12))
                .result().get(60, TimeUnit.SECONDS);
        assertThat(again.reusedTokens()).isGreaterThanOrEqualTo(10);
        assertThat(fresh.reusedTokens()).isZero();
        assertThat(again.tokens()).containsExactly(fresh.tokens());
    }

    @Test
    void aSessionRunsOneGenerationAtATime() throws Exception {
        Session session = engine.newSession();
        Generation running = session.generate(GenerationRequest.of("Once").withMaxTokens(100_000));
        assertThatThrownBy(() -> session.generate(GenerationRequest.of("Once")))
                .isInstanceOf(IllegalStateException.class);
        running.cancel();
        running.result().get(30, TimeUnit.SECONDS);
        assertThat(session.generate(GenerationRequest.of("Once").withMaxTokens(2)).result().get(30, TimeUnit.SECONDS)
                .tokens()).hasSize(2);
    }

    @Test
    void aPromptLongerThanTheContextIsRejected() {
        assertThatThrownBy(() -> engine.generate(GenerationRequest.of("a b ".repeat(3000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context");
    }
}
