package dev.colossus.engine.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.engine.Engine;
import dev.colossus.engine.FinishReason;
import dev.colossus.engine.GenerationRequest;
import dev.colossus.engine.GenerationResult;
import dev.colossus.engine.sample.SamplingParams;
import dev.colossus.engine.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tiny stories model, which knows nothing of JSON, writes schema-valid JSON under a grammar. */
class ConstrainedGenerationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Engine engine;

    @BeforeAll
    static void load() throws Exception {
        engine = Engine.load(Fixtures.model("stories260K.gguf"), Engine.Options.defaults().withThreads(2));
    }

    @AfterAll
    static void close() {
        if (engine != null) engine.close();
    }

    private static GenerationResult run(Grammar grammar, int maxTokens, SamplingParams sampling) throws Exception {
        return engine.generate(GenerationRequest.of("Once upon a time").withMaxTokens(maxTokens)
                .withSampling(sampling).withGrammar(grammar)).stream(t -> { });
    }

    @Test
    void greedyAndSampledOutputsConformToTheSchemaAndEndWhereTheGrammarIsComplete() throws Exception {
        Grammar grammar = Grammar.jsonSchema(JSON.readValue("""
                {"type":"object","properties":{"name":{"type":"string","minLength":1,"maxLength":12},
                 "age":{"type":"integer","minimum":1,"maximum":99},"mood":{"enum":["happy","sad"]},
                 "friends":{"type":"array","items":{"type":"string","maxLength":8},"minItems":1,"maxItems":2}},
                 "required":["name","age","mood","friends"],"additionalProperties":false}""", Object.class));
        for (long seed = 0; seed < 4; seed++) {
            SamplingParams sampling = seed == 0 ? SamplingParams.greedy() : SamplingParams.defaults(seed);
            GenerationResult r = run(grammar, 200, sampling);
            assertThat(r.finishReason()).as(r.text()).isEqualTo(FinishReason.END_OF_GENERATION);
            JsonNode value = JSON.readTree(r.text());
            assertThat(value.get("name").asText()).hasSizeBetween(1, 12);
            assertThat(value.get("age").isInt()).isTrue();
            assertThat(value.get("age").asInt()).isBetween(1, 99);
            assertThat(value.get("mood").asText()).isIn("happy", "sad");
            assertThat(value.get("friends").size()).isBetween(1, 2);
            assertThat(value.size()).isEqualTo(4);
        }
    }

    @Test
    void runningOutOfTokensEndsAsMaxTokensWithAPrefixOfValidOutput() throws Exception {
        GenerationResult r = run(Grammar.jsonObject(), 3, SamplingParams.greedy());
        assertThat(r.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(Grammar.jsonObject().start().advance(r.text().getBytes()).dead()).isFalse();
    }
}
