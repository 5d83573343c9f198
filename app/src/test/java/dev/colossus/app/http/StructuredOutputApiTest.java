package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** response_format on /v1/chat/completions, enforced on the real stories260K model. */
class StructuredOutputApiTest extends Stories260kChatApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type":"json_schema","json_schema":{"name":"pet","schema":{"type":"object","properties":{
             "name":{"type":"string","minLength":1,"maxLength":10},"legs":{"type":"integer","minimum":0,"maximum":4}},
             "required":["name","legs"],"additionalProperties":false}}}""";
    private static String chat(String model, String format, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"A pet?\"}],"
                + "\"max_tokens\":80,\"seed\":3,\"stream\":" + stream + ",\"response_format\":" + format + "}";
    }

    @Test
    void aJsonSchemaAnswerConformsToTheSchema() throws Exception {
        HttpResponse<String> r = post(chat("stories260K", SCHEMA, false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode pet = JSON.readTree(body.at("/choices/0/message/content").asText());
        assertThat(pet.get("name").asText()).hasSizeBetween(1, 10);
        assertThat(pet.get("legs").asInt()).isBetween(0, 4);
        assertThat(pet.size()).isEqualTo(2);
    }

    @Test
    void aStreamedJsonObjectAnswerIsOneValidObject() throws Exception {
        HttpResponse<String> r = post(chat("stories260K", "{\"type\":\"json_object\"}", true));
        assertThat(r.statusCode()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (String line : r.body().split("\n")) {
            if (!line.startsWith("data: {")) continue;
            JsonNode choice = JSON.readTree(line.substring(6)).at("/choices/0");
            text.append(choice.path("delta").path("content").asText(""));
            if (choice.hasNonNull("finish_reason")) finish = choice.get("finish_reason").asText();
        }
        assertThat(finish).isIn("stop", "length");
        if (finish.equals("stop")) assertThat(JSON.readTree(text.toString()).isObject()).as(text.toString()).isTrue();
        else assertThat(text.toString()).startsWith("{");
    }

    @Test
    void anUnsupportedSchemaFeatureIsA400NamingIt() throws Exception {
        HttpResponse<String> r = post(chat("stories260K", """
                {"type":"json_schema","json_schema":{"name":"x","schema":{"type":"string","pattern":"^a+$"}}}""", true));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo("response_format");
        assertThat(error.get("message").asText()).contains("'pattern'");
    }

    @Test
    void theAssistantRefusesAResponseFormatRatherThanIgnoringIt() throws Exception {
        HttpResponse<String> r = post(chat("colossus", "{\"type\":\"json_object\"}", false));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).at("/error/param").asText()).isEqualTo("response_format");
    }
}
