package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.Completion;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.OpenAiCompatibleBackend;
import dev.colossus.assistant.backend.Tool;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.backend.ToolCall;
import dev.colossus.assistant.backend.ToolCallDelta;
import dev.colossus.assistant.backend.ToolChoice;
import dev.colossus.engine.FinishReason;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** tools and tool_choice on /v1/chat/completions with the real stories260K model. */
class ToolCallsApiTest extends Stories260kChatApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","description":"Weather in a city","parameters":
             {"type":"object","properties":{"city":{"type":"string","minLength":1,"maxLength":12},
             "days":{"type":"integer","minimum":1,"maximum":7}},"required":["city","days"]}}}]""";
    private static String chat(String choice, boolean stream, String extraMessages) {
        return "{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}" + extraMessages
                + "],\"max_tokens\":120,\"seed\":1,\"stream\":" + stream + ",\"tools\":" + TOOLS
                + ",\"tool_choice\":" + choice + "}";
    }

    private static void assertValidCall(JsonNode call) throws Exception {
        assertThat(call.get("type").asText()).isEqualTo("function");
        assertThat(call.get("id").asText()).startsWith("call_");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        JsonNode args = JSON.readTree(call.at("/function/arguments").asText());
        assertThat(args.get("city").asText()).hasSizeBetween(1, 12);
        assertThat(args.get("days").asInt()).isBetween(1, 7);
    }

    @Test
    void aRequiredCallComesBackAsOpenAiToolCallsWithSchemaValidArguments() throws Exception {
        HttpResponse<String> r = post(chat("\"required\"", false, ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode choice = JSON.readTree(r.body()).at("/choices/0");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.at("/message/content").isNull()).isTrue();
        assertValidCall(choice.at("/message/tool_calls/0"));
    }

    @Test
    void aNamedCallStreamsItsNameThenItsArgumentsInPiecesAndEarlierCallsAndAnswersRender() throws Exception {
        String earlier = ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_abcdefghi\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\",\\\"days\\\":1}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_abcdefghi\",\"content\":\"rain\"},{\"role\":\"user\",\"content\":\"And Rome?\"}";
        HttpResponse<String> r = post(chat("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}", true, earlier));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> deltas = new ArrayList<>();
        String finish = null;
        StringBuilder content = new StringBuilder();
        for (String line : r.body().split("\n")) {
            if (!line.startsWith("data: {")) continue;
            JsonNode choice = JSON.readTree(line.substring(6)).at("/choices/0");
            if (choice.path("delta").has("tool_calls")) {
                assertThat(choice.at("/delta/tool_calls").size()).isEqualTo(1);
                deltas.add(choice.at("/delta/tool_calls/0"));
            }
            content.append(choice.path("delta").path("content").asText(""));
            if (choice.hasNonNull("finish_reason")) finish = choice.get("finish_reason").asText();
        }
        assertThat(finish).isEqualTo("tool_calls");
        assertThat(content).isEmpty();
        assertThat(deltas.size()).as("the name, then the arguments in pieces").isGreaterThan(2);
        JsonNode first = deltas.getFirst();
        assertThat(first.at("/function/arguments").asText()).isEmpty();
        StringBuilder arguments = new StringBuilder();
        for (JsonNode d : deltas.subList(1, deltas.size())) {
            assertThat(d.get("index").asInt()).isZero();
            assertThat(d.has("id") || d.has("type") || d.at("/function").has("name")).as(d.toString()).isFalse();
            arguments.append(d.at("/function/arguments").asText());
        }
        ObjectNode call = first.deepCopy();
        ((ObjectNode) call.get("function")).put("arguments", arguments.toString());
        assertThat(call.get("index").asInt()).isZero();
        assertValidCall(call);
    }

    @Test
    void anAutoChoiceOnTheTinyModelStreamsTextAndEndsWithoutACall() throws Exception {
        HttpResponse<String> r = post(chat("\"auto\"", true, ""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        StringBuilder content = new StringBuilder();
        String finish = null;
        for (String line : r.body().split("\n")) {
            if (!line.startsWith("data: {")) continue;
            JsonNode choice = JSON.readTree(line.substring(6)).at("/choices/0");
            assertThat(choice.path("delta").has("tool_calls")).isFalse();
            content.append(choice.path("delta").path("content").asText(""));
            if (choice.hasNonNull("finish_reason")) finish = choice.get("finish_reason").asText();
        }
        assertThat(finish).isIn("stop", "length");
        assertThat(content.toString()).isNotBlank().doesNotContain("<tool_call>");
        HttpResponse<String> whole = post(chat("\"auto\"", false, ""));
        assertThat(JSON.readTree(whole.body()).at("/choices/0/message/content").asText()).isEqualTo(content.toString());
    }

    @Test
    void aToolChoiceNamingAnUnknownFunctionOrAnUnsupportedSchemaIsA400() throws Exception {
        HttpResponse<String> r = post(chat("{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}", true, ""));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/error/param").asText()).isEqualTo("tool_choice");
        HttpResponse<String> bad = post(chat("\"auto\"", false, "").replace("\"minLength\":1", "\"pattern\":\"x\""));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).at("/error/message").asText()).contains("'pattern'");
    }

    @Test
    void aRemoteBackendPassesToolsThroughAndPassesTheStreamedCallPiecesOn() throws Exception {
        Tool weather = new Tool("get_weather", "Weather in a city", JSON.readTree(TOOLS).at("/0/function/parameters"));
        GenerationOptions options = new GenerationOptions(0.8, 0.95, 120, List.of(), 2L, Duration.ofMinutes(1))
                .withTools(List.of(weather), ToolChoice.REQUIRED);
        try (OpenAiCompatibleBackend remote = new OpenAiCompatibleBackend(URI.create(server.baseUrl() + "/"), null,
                "stories260K", 4096)) {
            List<ToolCallDelta> deltas = new ArrayList<>();
            TokenSink sink = new TokenSink() {
                @Override
                public void accept(String piece) {
                }

                @Override
                public void toolCall(ToolCallDelta delta) {
                    deltas.add(delta);
                }
            };
            Completion done = remote.chat(List.of(ChatMessage.user("Weather?")), options, sink, new Cancellation());
            assertThat(done.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
            ToolCall call = done.toolCalls().getFirst();
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(call.arguments().get("days").asInt()).isBetween(1, 7);
            assertThat(deltas.getFirst()).isEqualTo(new ToolCallDelta(0, call.id(), "get_weather", ""));
            assertThat(deltas.size()).as("the server's pieces are passed on as they come").isGreaterThan(2);
            String arguments = deltas.stream().map(ToolCallDelta::arguments).reduce("", String::concat);
            assertThat(JSON.readTree(arguments)).isEqualTo(call.arguments());
        }
    }
}
