package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** logprobs/top_logprobs and cached prompt tokens on the real stories260K model, through HTTP. */
class LogprobsApiTest extends Stories260kChatApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String chat(String extra, boolean stream) {
        return """
                {"model":"stories260K","temperature":0,"max_tokens":12,"stream":%s,
                 "messages":[{"role":"user","content":"Once upon a time"}]%s}""".formatted(stream, extra);
    }

    private static String joinedBytes(JsonNode content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (JsonNode token : content) token.get("bytes").forEach(b -> bytes.write(b.asInt()));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachTokenOfTheAnswerComesWithItsLogprobAndTheMostLikelyAlternatives() throws Exception {
        HttpResponse<String> r = post(chat(",\"logprobs\":true,\"top_logprobs\":3", false));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        JsonNode content = body.at("/choices/0/logprobs/content");
        assertThat(content.size()).isEqualTo(body.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(joinedBytes(content)).isEqualTo(body.at("/choices/0/message/content").asText());
        for (JsonNode token : content) {
            JsonNode top = token.get("top_logprobs");
            assertThat(top.size()).isEqualTo(3);
            // greedy: the chosen token is the most likely one
            assertThat(top.get(0).get("token").asText()).isEqualTo(token.get("token").asText());
            assertThat(top.get(0).get("logprob").asDouble()).isEqualTo(token.get("logprob").asDouble());
            assertThat(token.get("logprob").asDouble()).isLessThanOrEqualTo(0);
            assertThat(top.get(1).get("logprob").asDouble()).isLessThanOrEqualTo(top.get(0).get("logprob").asDouble());
            assertThat(top.get(2).get("logprob").asDouble()).isLessThanOrEqualTo(top.get(1).get("logprob").asDouble());
        }
        JsonNode plain = JSON.readTree(post(chat("", false)).body());
        assertThat(plain.at("/choices/0/logprobs").isNull()).isTrue();
    }

    @Test
    void aStreamedAnswerCarriesTheSameLogprobsInItsLastChunk() throws Exception {
        JsonNode whole = JSON.readTree(post(chat(",\"logprobs\":true", false)).body()).at("/choices/0/logprobs/content");
        HttpResponse<String> r = post(chat(",\"logprobs\":true", true));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode streamed = null;
        for (String line : r.body().split("\n")) {
            if (!line.startsWith("data: {")) continue;
            JsonNode choice = JSON.readTree(line.substring(6)).at("/choices/0");
            if (choice.path("logprobs").isObject()) streamed = choice.get("logprobs").get("content");
        }
        assertThat(streamed).isNotNull().hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(streamed.get(i).get("bytes")).isEqualTo(whole.get(i).get("bytes"));
            // the second request reuses the first one's cached prompt: the same numbers up to float rounding
            assertThat(streamed.get(i).get("logprob").asDouble())
                    .isCloseTo(whole.get(i).get("logprob").asDouble(), within(1e-4));
        }
        assertThat(whole.get(0).get("top_logprobs").size()).isZero();
    }

    @Test
    void aTextCompletionGivesLogprobsInTheLegacyShape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"stories260K","prompt":"Once upon a time","temperature":0,"max_tokens":10,"logprobs":2}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode choice = JSON.readTree(r.body()).at("/choices/0");
        JsonNode logprobs = choice.get("logprobs");
        StringBuilder text = new StringBuilder();
        logprobs.get("tokens").forEach(t -> text.append(t.asText()));
        assertThat(text.toString()).isEqualTo(choice.get("text").asText());
        assertThat(logprobs.get("token_logprobs").size()).isEqualTo(logprobs.get("tokens").size());
        for (int i = 0; i < logprobs.get("tokens").size(); i++) {
            JsonNode top = logprobs.get("top_logprobs").get(i);
            assertThat(top.size()).isBetween(1, 2); // two alternatives, one entry if both decode to the same text
            assertThat(top.has(logprobs.get("tokens").get(i).asText())).isTrue();
        }
        JsonNode offsets = logprobs.get("text_offset");
        assertThat(offsets.get(0).asInt()).isZero();
        assertThat(offsets.get(1).asInt()).isEqualTo(logprobs.get("tokens").get(0).asText().length());
    }

    @Test
    void logprobOptionsOutOfRangeAreA400NamingTheField() throws Exception {
        HttpResponse<String> tooMany = post(chat(",\"logprobs\":true,\"top_logprobs\":21", false));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(tooMany.body()).at("/error/param").asText()).isEqualTo("top_logprobs");
        HttpResponse<String> withoutLogprobs = post(chat(",\"top_logprobs\":2", false));
        assertThat(withoutLogprobs.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(withoutLogprobs.body()).at("/error/message").asText()).contains("'logprobs'");
        HttpResponse<String> notBoolean = post(chat(",\"logprobs\":3", false));
        assertThat(JSON.readTree(notBoolean.body()).at("/error/param").asText()).isEqualTo("logprobs");
    }

    @Test
    void theNextTurnReportsThePromptTokensItReusedAsCached() throws Exception {
        JsonNode first = JSON.readTree(post("""
                {"model":"stories260K","temperature":0,"max_tokens":8,
                 "messages":[{"role":"user","content":"Lily had a red ball and a small dog named Max."}]}""").body());
        String answer = first.at("/choices/0/message/content").asText();
        JsonNode second = JSON.readTree(post("""
                {"model":"stories260K","temperature":0,"max_tokens":8,
                 "messages":[{"role":"user","content":"Lily had a red ball and a small dog named Max."},
                             {"role":"assistant","content":%s},
                             {"role":"user","content":"What did Max do?"}]}""".formatted(JSON.writeValueAsString(answer)))
                .body());
        int cached = second.at("/usage/prompt_tokens_details/cached_tokens").asInt();
        assertThat(cached).isGreaterThanOrEqualTo(first.at("/usage/prompt_tokens").asInt() - 1)
                .isLessThan(second.at("/usage/prompt_tokens").asInt());
    }
}
