package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.Fixtures;
import dev.colossus.assistant.template.ChatTemplate;
import dev.colossus.engine.Engine;
import dev.colossus.engine.FinishReason;
import dev.colossus.engine.grammar.ConstrainedDecoder;
import dev.colossus.engine.grammar.Grammar;
import dev.colossus.engine.grammar.TokenTrie;
import dev.colossus.engine.sample.Sampler;
import dev.colossus.engine.sample.SamplingParams;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Utf8Accumulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Tools rendered into real chat templates, forced calls under a grammar on stories260K, and calls parsed back. */
class ToolCallFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalBackend model;
    private static Tool weather;

    @BeforeAll
    static void load() throws Exception {
        weather = new Tool("get_weather", "The weather in a city", JSON.readTree("""
                {"type":"object","properties":{"city":{"type":"string","minLength":1,"maxLength":12},
                 "days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","days"]}"""));
        model = LocalBackend.load(Fixtures.dir("models").resolve("stories260K.gguf"),
                Engine.Options.defaults().withThreads(2).withContextLength(1024));
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    private static ChatTemplate template(String file) throws Exception {
        return ChatTemplate.of(Files.readString(Fixtures.dir("chat_templates").resolve(file)));
    }

    private static List<ChatMessage> conversationWithACall() throws Exception {
        ToolCall call = new ToolCall("abc123XYZ", "get_weather", JSON.readTree("{\"city\":\"Paris\",\"days\":2}"));
        return List.of(ChatMessage.user("Weather in Paris?"),
                new ChatMessage("assistant", "", List.of(call), null),
                new ChatMessage("tool", "sunny", List.of(), "abc123XYZ"));
    }

    private static List<Map<String, Object>> tools() {
        return List.of(Map.of("type", "function", "function", Map.of("name", "get_weather",
                "description", "The weather in a city", "parameters", JSON.convertValue(weather.parameters(), Map.class))));
    }

    @Test
    void qwenTemplatesGetToolsAndEarlierCallsInHermesTags() throws Exception {
        ChatTemplate t = template("Qwen-Qwen2.5-7B-Instruct.jinja");
        assertThat(ToolCallFormat.of(t.source())).isEqualTo(ToolCallFormat.HERMES);
        String prompt = t.render(ChatTemplate.maps(conversationWithACall()), true, "", "<|im_end|>", tools());
        assertThat(prompt).contains("<tools>\n{").contains("\"name\": \"get_weather\"").contains("\"maxLength\": 12");
        assertThat(prompt).contains("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"days\": 2}}\n</tool_call>");
        assertThat(prompt).contains("<tool_response>\nsunny\n</tool_response>");
    }

    @Test
    void llamaTemplatesAreRecognisedAndMistralTemplatesRenderTheirCalls() throws Exception {
        ChatTemplate llama = template("meta-llama-Llama-3.1-8B-Instruct.jinja");
        assertThat(ToolCallFormat.of(llama.source())).isEqualTo(ToolCallFormat.LLAMA3_JSON);
        String l = llama.render(ChatTemplate.maps(conversationWithACall()), true, "<|begin_of_text|>", "<|eot_id|>", tools());
        assertThat(l).contains("\"name\": \"get_weather\"").contains("<|start_header_id|>ipython<|end_header_id|>")
                .contains("{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\", \"days\": 2}}");
        ChatTemplate mistral = template("mistralai-Mistral-Nemo-Instruct-2407.jinja");
        assertThat(ToolCallFormat.of(mistral.source())).isEqualTo(ToolCallFormat.MISTRAL);
        String m = mistral.render(ChatTemplate.maps(conversationWithACall()), true, "<s>", "</s>", tools());
        assertThat(m).contains("[AVAILABLE_TOOLS]").contains("[TOOL_CALLS]").contains("abc123XYZ");
    }

    /** A sink that records content and tool-call deltas as a client would receive them. */
    private static final class Recorder implements TokenSink {
        final StringBuilder content = new StringBuilder();
        final List<ToolCallDelta> deltas = new ArrayList<>();

        @Override
        public void accept(String piece) {
            content.append(piece);
        }

        @Override
        public void toolCall(ToolCallDelta delta) {
            deltas.add(delta);
        }

        /** The arguments text of call {@code index}, joined from its deltas. */
        String arguments(int index) {
            return deltas.stream().filter(d -> d.index() == index).map(ToolCallDelta::arguments)
                    .reduce("", String::concat);
        }
    }

    /** Feeds {@code text} to a stream in pieces of {@code size} characters, as a model would write it. */
    private static ToolCallStream read(ToolCallFormat format, String text, int size, Recorder sink) {
        ToolCallStream stream = new ToolCallStream(format, sink);
        for (int i = 0; i < text.length(); i += size) stream.accept(text.substring(i, Math.min(text.length(), i + size)));
        stream.finish();
        return stream;
    }

    @Test
    void callsAreReadBackInEachFormatWithTheirArgumentsStreamedInPieces() {
        Recorder sink = new Recorder();
        ToolCallStream hermes = read(ToolCallFormat.HERMES,
                "Let me see. \n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": [1, \"}\"]}}\n</tool_call>", 3, sink);
        assertThat(hermes.content()).isEqualTo("Let me see.");
        assertThat(sink.content).hasToString("Let me see.");
        ToolCall call = hermes.calls().getFirst();
        assertThat(call.name()).isEqualTo("f");
        assertThat(call.arguments().get("a").get(1).asText()).isEqualTo("}");
        ToolCallDelta first = sink.deltas.getFirst();
        assertThat(first).isEqualTo(new ToolCallDelta(0, call.id(), "f", ""));
        assertThat(sink.deltas.size()).as("the arguments come in several pieces").isGreaterThan(3);
        assertThat(sink.deltas.stream().skip(1)).allSatisfy(d -> assertThat(d.id()).isNull());
        assertThat(sink.arguments(0)).isEqualTo("{\"a\": [1, \"}\"]}");

        Recorder llama = new Recorder();
        assertThat(read(ToolCallFormat.LLAMA3_JSON, " {\"name\": \"f\", \"parameters\": {\"a\": 2}}", 4, llama).calls())
                .singleElement().satisfies(c -> assertThat(c.arguments().get("a").asInt()).isEqualTo(2));
        assertThat(llama.arguments(0)).isEqualTo("{\"a\": 2}");
        Recorder text = new Recorder();
        ToolCallStream plain = read(ToolCallFormat.LLAMA3_JSON, "Just text {\"name\": \"f\"}.", 2, text);
        assertThat(plain.calls()).isEmpty();
        assertThat(text.content).hasToString("Just text {\"name\": \"f\"}.");

        Recorder mistral = new Recorder();
        assertThat(read(ToolCallFormat.MISTRAL,
                "[TOOL_CALLS][{\"name\": \"f\", \"arguments\": {}}, {\"name\": \"g\", \"arguments\": {\"n\": 1}}]", 5, mistral)
                .calls()).extracting(ToolCall::name).containsExactly("f", "g");
        assertThat(mistral.deltas).filteredOn(d -> d.name() != null).extracting(ToolCallDelta::index).containsExactly(0, 1);
        assertThat(mistral.arguments(1)).isEqualTo("{\"n\": 1}");
    }

    @Test
    void textThatOnlyLooksLikeTheStartOfACallIsContentInTheEnd() {
        Recorder sink = new Recorder();
        ToolCallStream s = read(ToolCallFormat.HERMES, "a <tool and </tool_call> \n", 1, sink);
        assertThat(s.calls()).isEmpty();
        assertThat(sink.content).hasToString("a <tool and </tool_call> \n");
        assertThat(sink.deltas).isEmpty();
    }

    @Test
    void anAutoGrammarAllowsTextButOnlySchemaValidCallsInEachFormat() {
        Grammar hermes = ToolCallFormat.HERMES.textOrCall(List.of(weather), null);
        assertThat(hermes.matches("No call needed.")).isTrue();
        assertThat(hermes.matches("Sure. <tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Oslo\",\"days\":3}}\n</tool_call>")).isTrue();
        assertThat(hermes.matches("Sure. <tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Oslo\",\"days\":30}}\n</tool_call>")).isFalse();
        assertThat(hermes.matches("<tool_call>\n{\"name\": \"nope\", \"arguments\": {}}\n</tool_call>")).isFalse();
        Grammar llama = ToolCallFormat.LLAMA3_JSON.textOrCall(List.of(weather), null);
        assertThat(llama.matches("It is sunny {really}.")).isTrue();
        assertThat(llama.matches(" {\"name\": \"get_weather\", \"parameters\": {\"city\":\"Rome\",\"days\":1}}")).isTrue();
        assertThat(llama.matches("{\"name\": \"get_weather\", \"parameters\": {\"city\":\"\",\"days\":1}}")).as("city too short").isFalse();
        Grammar mistral = ToolCallFormat.MISTRAL.textOrCall(List.of(weather), null);
        assertThat(mistral.matches("Hello [1].")).isTrue();
        assertThat(mistral.matches("[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Oslo\",\"days\":7}}]")).isTrue();
        assertThat(mistral.matches("[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": {\"days\":7}}]")).isFalse();
        Grammar withFormat = ToolCallFormat.HERMES.textOrCall(List.of(weather), Grammar.jsonObject());
        assertThat(withFormat.matches("{\"a\":1}")).isTrue();
        assertThat(withFormat.matches("text")).as("a response format leaves no free text").isFalse();
    }

    @Test
    void aForcedCallGrammarAcceptsOnlyValidArguments() {
        var g = ToolCallFormat.HERMES.forcedCall(List.of(weather));
        assertThat(g.matches("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Oslo\",\"days\":3}}\n</tool_call>")).isTrue();
        assertThat(g.matches("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Oslo\",\"days\":9}}\n</tool_call>")).isFalse();
        assertThat(g.matches("<tool_call>\n{\"name\": \"other\", \"arguments\": {}}\n</tool_call>")).isFalse();
    }

    @Test
    void aCallTheModelStartsOnItsOwnIsFinishedWithSchemaValidArguments() throws Exception {
        // stories260K's vocabulary, and logits that want this text: a Qwen-style call with arguments outside the
        // schema (a space JSON's compact grammar refuses, a city too long, 30 days); once the output leaves the
        // text, seeded random logits, as a model that has lost its way
        String wanted = "Sure. <tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Copenhagen, Denmark\", \"days\": 30}}";
        try (Engine engine = Engine.load(Fixtures.dir("models").resolve("stories260K.gguf"),
                Engine.Options.defaults().withThreads(1).withContextLength(256))) {
            Tokenizer tokenizer = engine.tokenizer();
            int vocab = tokenizer.vocabularySize();
            for (long seed = 0; seed < 3; seed++) {
                ConstrainedDecoder decoder = new ConstrainedDecoder(
                        ToolCallFormat.HERMES.textOrCall(List.of(weather), null), TokenTrie.of(tokenizer));
                Sampler sampler = new Sampler(SamplingParams.defaults(seed), vocab);
                Random random = new Random(seed);
                Recorder sink = new Recorder();
                ToolCallStream stream = new ToolCallStream(ToolCallFormat.HERMES, sink);
                Utf8Accumulator utf8 = new Utf8Accumulator();
                StringBuilder out = new StringBuilder();
                for (int step = 0; step < 300 && !decoder.complete(); step++) {
                    float[] logits = new float[vocab];
                    boolean onScript = wanted.startsWith(out.toString()) && out.length() < wanted.length();
                    for (int t = 0; t < vocab; t++) {
                        String piece = new String(tokenizer.piece(t, false), StandardCharsets.UTF_8);
                        logits[t] = onScript ? (!piece.isEmpty() && wanted.startsWith(piece, out.length())
                                ? 20 + piece.length() : 0) : random.nextFloat() * 4;
                    }
                    int token = decoder.choose(sampler, logits, 0);
                    assertThat(token).as("the grammar always leaves a token").isNotNegative();
                    assertThat(tokenizer.isEndOfGeneration(token)).as("no end inside a call: " + out).isFalse();
                    decoder.accept(token);
                    sampler.accept(token);
                    String piece = utf8.accept(tokenizer.piece(token, false));
                    out.append(piece);
                    stream.accept(piece);
                }
                stream.finish();
                assertThat(decoder.complete()).as(out.toString()).isTrue();
                assertThat(stream.content()).isEqualTo("Sure.");
                ToolCall call = stream.calls().getFirst();
                assertThat(call.name()).isEqualTo("get_weather");
                assertThat(call.arguments().get("city").asText()).hasSizeBetween(1, 12);
                assertThat(call.arguments().get("days").asInt()).isBetween(1, 7);
                assertThat(JSON.readTree(sink.arguments(0))).isEqualTo(call.arguments());
            }
        }
    }

    @Test
    void theTinyModelMakesASchemaValidCallWhenOneIsRequiredAndStreamsIt() throws Exception {
        for (ToolChoice choice : List.of(ToolChoice.REQUIRED, new ToolChoice.Named("get_weather"))) {
            GenerationOptions options = new GenerationOptions(0.8, 0.95, 120, List.of(), 5L, Duration.ofMinutes(1))
                    .withTools(List.of(weather), choice);
            Recorder sink = new Recorder();
            StringBuilder streamed = sink.content;
            Completion done = model.chat(List.of(ChatMessage.user("Weather?")), options, sink,
                    new Cancellation());
            assertThat(done.finishReason()).as(done.text()).isEqualTo(FinishReason.TOOL_CALLS);
            ToolCall call = done.toolCalls().getFirst();
            assertThat(call.name()).isEqualTo("get_weather");
            JsonNode args = call.arguments();
            assertThat(args.get("city").asText()).hasSizeBetween(1, 12);
            assertThat(args.get("days").asInt()).isBetween(1, 7);
            assertThat(call.id()).hasSize(9);
            assertThat(streamed.toString()).isEmpty();
            assertThat(sink.deltas.getFirst()).isEqualTo(new ToolCallDelta(0, call.id(), "get_weather", ""));
            assertThat(sink.deltas.size()).as("arguments in pieces, as generated").isGreaterThan(2);
            assertThat(JSON.readTree(sink.arguments(0))).isEqualTo(args);
        }
    }
}
