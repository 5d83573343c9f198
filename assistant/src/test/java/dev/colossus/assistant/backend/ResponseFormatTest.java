package dev.colossus.assistant.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.Fixtures;
import dev.colossus.engine.Engine;
import dev.colossus.engine.FinishReason;
import dev.colossus.engine.grammar.UnsupportedSchemaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** response_format read from OpenAI's JSON, and enforced on the real stories260K model. */
class ResponseFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalBackend model;

    @BeforeAll
    static void load() throws Exception {
        model = LocalBackend.load(Fixtures.dir("models").resolve("stories260K.gguf"),
                Engine.Options.defaults().withThreads(2).withContextLength(512));
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    private static ResponseFormat parse(String json) throws Exception {
        return ResponseFormat.parse(JSON.readTree(json));
    }

    private static GenerationOptions options(ResponseFormat format, int maxTokens) {
        return new GenerationOptions(0.8, 0.95, maxTokens, List.of(), 7L, Duration.ofMinutes(1))
                .withResponseFormat(format);
    }

    @Test
    void aJsonSchemaAnswerFromTheTinyModelConformsToTheSchema() throws Exception {
        ResponseFormat format = parse("""
                {"type":"json_schema","json_schema":{"name":"pet","schema":{"type":"object",
                 "properties":{"kind":{"enum":["cat","dog"]},"legs":{"type":"integer","minimum":0,"maximum":4}},
                 "required":["kind","legs"],"additionalProperties":false}}}""");
        Completion done = model.chat(List.of(ChatMessage.user("Describe a pet.")), options(format, 60),
                TokenSink.IGNORE, new Cancellation());
        assertThat(done.finishReason()).isEqualTo(FinishReason.END_OF_GENERATION);
        JsonNode value = JSON.readTree(done.text());
        assertThat(value.get("kind").asText()).isIn("cat", "dog");
        assertThat(value.get("legs").asInt()).isBetween(0, 4);
        assertThat(value.size()).isEqualTo(2);
    }

    @Test
    void jsonObjectCutShortByMaxTokensEndsAsLength() throws Exception {
        Completion done = model.chat(List.of(ChatMessage.user("Hi")), options(parse("{\"type\":\"json_object\"}"), 2),
                TokenSink.IGNORE, new Cancellation());
        assertThat(done.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(done.text()).startsWith("{");
    }

    @Test
    void malformedOrUnsupportedFormatsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> parse("{\"type\":\"xml\"}")).hasMessageContaining("'response_format.type'");
        assertThatThrownBy(() -> parse("{\"type\":\"json_schema\"}")).hasMessageContaining("json_schema.schema");
        assertThatThrownBy(() -> parse("""
                {"type":"json_schema","json_schema":{"schema":{"type":"string","pattern":"^a+$"}}}"""))
                .isInstanceOf(UnsupportedSchemaException.class).hasMessageContaining("'pattern'");
        assertThat(ResponseFormat.parse(null)).isEqualTo(ResponseFormat.TEXT);
    }

    @Test
    void remoteServersReceiveTheFormatAsOpenAiWritesIt() throws Exception {
        JsonNode json = parse("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"strict\":true,"
                + "\"schema\":{\"type\":\"integer\"}}}").toJson();
        assertThat(json.toString())
                .isEqualTo("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"strict\":true,\"schema\":{\"type\":\"integer\"}}}");
    }
}
