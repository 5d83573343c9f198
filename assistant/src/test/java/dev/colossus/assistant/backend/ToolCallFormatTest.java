package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.Fixtures;
import dev.colossus.assistant.template.ChatTemplate;
import dev.colossus.engine.Engine;
import dev.colossus.engine.FinishReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

    @Test
    void callsAreParsedBackInEachFormat() {
        assertThat(ToolCallFormat.HERMES.parse("ok <tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": 1}}\n</tool_call>"))
                .singleElement().satisfies(c -> {
                    assertThat(c.name()).isEqualTo("f");
                    assertThat(c.arguments().get("a").asInt()).isEqualTo(1);
                });
        assertThat(ToolCallFormat.HERMES.content("ok <tool_call>{}</tool_call>")).isEqualTo("ok");
        assertThat(ToolCallFormat.LLAMA3_JSON.parse("{\"name\": \"f\", \"parameters\": {\"a\": 2}}"))
                .singleElement().satisfies(c -> assertThat(c.arguments().get("a").asInt()).isEqualTo(2));
        assertThat(ToolCallFormat.LLAMA3_JSON.parse("Just text.")).isEmpty();
        assertThat(ToolCallFormat.MISTRAL.parse("[TOOL_CALLS][{\"name\": \"f\", \"arguments\": {}}, {\"name\": \"g\", \"arguments\": {}}]"))
                .extracting(ToolCall::name).containsExactly("f", "g");
        assertThat(ToolCallFormat.HERMES.parse("<tool_call>not json</tool_call>")).isEmpty();
    }

    @Test
    void aForcedCallGrammarAcceptsOnlyValidArguments() {
        var g = ToolCallFormat.HERMES.forcedCall(List.of(weather));
        assertThat(g.matches("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Oslo\",\"days\":3}}\n</tool_call>")).isTrue();
        assertThat(g.matches("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Oslo\",\"days\":9}}\n</tool_call>")).isFalse();
        assertThat(g.matches("<tool_call>\n{\"name\": \"other\", \"arguments\": {}}\n</tool_call>")).isFalse();
    }

    @Test
    void theTinyModelMakesASchemaValidCallWhenOneIsRequired() throws Exception {
        for (ToolChoice choice : List.of(ToolChoice.REQUIRED, new ToolChoice.Named("get_weather"))) {
            GenerationOptions options = new GenerationOptions(0.8, 0.95, 120, List.of(), 5L, Duration.ofMinutes(1))
                    .withTools(List.of(weather), choice);
            StringBuilder streamed = new StringBuilder();
            Completion done = model.chat(List.of(ChatMessage.user("Weather?")), options, streamed::append,
                    new Cancellation());
            assertThat(done.finishReason()).as(done.text()).isEqualTo(FinishReason.TOOL_CALLS);
            ToolCall call = done.toolCalls().getFirst();
            assertThat(call.name()).isEqualTo("get_weather");
            JsonNode args = call.arguments();
            assertThat(args.get("city").asText()).hasSizeBetween(1, 12);
            assertThat(args.get("days").asInt()).isBetween(1, 7);
            assertThat(call.id()).hasSize(9);
            assertThat(streamed.toString()).doesNotContain("<tool_call>");
        }
    }
}
