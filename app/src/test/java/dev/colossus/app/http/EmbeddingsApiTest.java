package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** POST /v1/embeddings on the real stories260K model. */
class EmbeddingsApiTest extends Stories260kChatApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponse<String> embed(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/embeddings"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void severalTextsGetUnitVectorsInTheirOrderWithTheTokensCounted() throws Exception {
        HttpResponse<String> r = embed("""
                {"model":"stories260K","input":["The cat sat on the mat.","Tom ran to the truck.","The cat sat on the mat."]}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("object").asText()).isEqualTo("list");
        JsonNode data = body.get("data");
        assertThat(data.size()).isEqualTo(3);
        double norm = 0, same = 0, other = 0;
        for (int i = 0; i < data.get(0).get("embedding").size(); i++) {
            double a = data.get(0).get("embedding").get(i).asDouble();
            norm += a * a;
            same += a * data.get(2).get("embedding").get(i).asDouble();
            other += a * data.get(1).get("embedding").get(i).asDouble();
        }
        assertThat(data.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(norm).isCloseTo(1, within(1e-4));
        assertThat(same).isCloseTo(1, within(1e-4));
        assertThat(other).isLessThan(same);
        assertThat(body.at("/usage/prompt_tokens").asInt()).isGreaterThan(10)
                .isEqualTo(body.at("/usage/total_tokens").asInt());
    }

    @Test
    void base64EncodingCarriesTheSameLittleEndianFloats() throws Exception {
        JsonNode floats = JSON.readTree(embed("{\"model\":\"stories260K\",\"input\":\"A dog.\"}").body())
                .at("/data/0/embedding");
        JsonNode encoded = JSON.readTree(embed("""
                {"model":"stories260K","input":"A dog.","encoding_format":"base64"}""").body()).at("/data/0/embedding");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded.asText())).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(floats.size() * 4);
        for (int i = 0; i < floats.size(); i++) assertThat((double) bytes.getFloat()).isEqualTo(floats.get(i).floatValue());
    }

    @Test
    void badInputsAreA400NamingTheFieldAndAnUnknownModelA404() throws Exception {
        for (String[] c : new String[][]{
                {"{\"model\":\"stories260K\"}", "input"},
                {"{\"model\":\"stories260K\",\"input\":\"\"}", "input"},
                {"{\"model\":\"stories260K\",\"input\":[1,2,3]}", "input"},
                {"{\"model\":\"stories260K\",\"input\":\"x\",\"encoding_format\":\"hex\"}", "encoding_format"},
                {"{\"model\":\"stories260K\",\"input\":\"x\",\"dimensions\":3}", "dimensions"},
                {"{\"model\":\"stories260K\",\"input\":\"" + "word ".repeat(3000) + "\"}", null}}) {
            HttpResponse<String> r = embed(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            if (c[1] != null) assertThat(error.get("param").asText()).isEqualTo(c[1]);
        }
        assertThat(embed("{\"model\":\"nope\",\"input\":\"x\"}").statusCode()).isEqualTo(404);
    }
}
