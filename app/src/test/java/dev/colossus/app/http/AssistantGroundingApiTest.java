package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/chat/completions} with the assistant models answers from the server's own posts and trends. */
class AssistantGroundingApiTest {

    private final TestServer server = new TestServer(TestServer.newDir(), c -> c, AssistantConfig.defaults());

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode ask(String question, String searchMode) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("model", "colossus");
        body.put("messages", List.of(Map.of("role", "user", "content", question)));
        if (searchMode != null) body.put("search_parameters", Map.of("mode", searchMode));
        TestServer.Response r = server.postJson("/v1/chat/completions", null, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> citations(JsonNode answer) {
        List<String> urls = new ArrayList<>();
        answer.path("citations").forEach(c -> urls.add(c.asText()));
        return urls;
    }

    @Test
    void answersCiteThePostsCreatedThroughTheApiByUrlsEndingInTheirIds() {
        TestServer.User alice = server.signUp("alice");
        TestServer.User bob = server.signUp("bob");
        String a = server.status(alice, "My sourdough starter wants feeding twice a day in summer").get("id").asText();
        String b = server.status(bob, "Fed the sourdough starter with rye flour, it doubled by noon").get("id").asText();
        String other = server.status(bob, "The rocket launch slipped to Friday because of high winds").get("id").asText();
        server.awaitSearchable("sourdough", 2);

        JsonNode answer = ask("How often should I feed a sourdough starter?", null);

        assertThat(citations(answer)).containsExactlyInAnyOrder(
                server.base + "/@alice/" + a, server.base + "/@bob/" + b);
        assertThat(citations(answer)).noneMatch(url -> url.endsWith("/" + other));
        assertThat(answer.at("/choices/0/message/content").asText()).contains("@alice").contains("rye flour");
    }

    @Test
    void askingWhatIsHappeningTellsTheTrendingTagsAndCitesTheirPosts() {
        TestServer.User dana = server.signUp("dana");
        TestServer.User eve = server.signUp("eve");
        String d = server.status(dana, "The #eclipse is starting, the sky went dark over the harbour").get("id").asText();
        String e = server.status(eve, "Totality! Everyone on the beach is cheering the #eclipse").get("id").asText();
        String quiet = server.status(eve, "Tea with lemon this afternoon").get("id").asText();
        server.awaitSearchable("eclipse", 2);

        JsonNode answer = ask("What's happening right now?", null);

        assertThat(answer.at("/choices/0/message/content").asText()).contains("Trending now: #eclipse");
        assertThat(citations(answer)).contains(server.base + "/@dana/" + d, server.base + "/@eve/" + e)
                .noneMatch(url -> url.endsWith("/" + quiet));
    }

    @Test
    void anOrdinaryQuestionIsNotToldTheTrendsButSearchModeOnIs() {
        TestServer.User dana = server.signUp("dana");
        TestServer.User eve = server.signUp("eve");
        server.status(dana, "The #eclipse is starting over the harbour");
        server.status(eve, "Cheering the #eclipse on the beach");
        server.awaitSearchable("eclipse", 2);

        assertThat(ask("Which flour suits bread?", null).at("/choices/0/message/content").asText())
                .doesNotContain("Trending now");
        assertThat(ask("Which flour suits bread?", "on").at("/choices/0/message/content").asText())
                .contains("Trending now: #eclipse");
        assertThat(ask("What's happening?", "off").at("/choices/0/message/content").asText())
                .doesNotContain("Trending now");
    }
}
