package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "Explain this post" and Stories over real HTTP, without a model (extractive answers). */
class ColossusApiTest {

    private final TestServer server = new TestServer(TestServer.newDir(), c -> c, AssistantConfig.defaults().withMentions(null));

    @AfterEach
    void stop() {
        server.close();
    }

    static List<String> urls(JsonNode citations) {
        List<String> out = new ArrayList<>();
        citations.forEach(c -> out.add(c.get("url").asText()));
        return out;
    }

    @Test
    void explainingAPostCitesRelatedPostsNumberedFromOneAsUrlsEndingInTheirIds() {
        TestServer.User bob = server.signUp("bob");
        TestServer.User carol = server.signUp("carol");
        String council = server.status(bob, "The council voted to close the Elm Street bridge for repairs until March").get("id").asText();
        String target = server.status(carol, "Elm Street bridge closed again? The buses now take a long detour").get("id").asText();
        String sunset = server.status(bob, "Lovely sunset over the harbour tonight").get("id").asText();
        server.awaitSearchable("bridge", 2);

        TestServer.Response r = server.postJson("/api/v1/colossus/explain", bob.token(), Map.of("status_id", target));

        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("extractive").asBoolean()).isTrue();
        assertThat(r.json().get("text").asText()).startsWith("Related posts, quoted (explanations here are extractive):\n- @bob wrote: “The council voted")
                .contains("[1]").doesNotContain("--model");
        JsonNode citations = r.json().get("citations");
        assertThat(urls(citations)).contains(server.base + "/@bob/" + council)
                .noneMatch(u -> u.endsWith("/" + sunset)).noneMatch(u -> u.endsWith("/" + target));
        citations.forEach(c -> {
            assertThat(c.get("url").asText()).endsWith("/" + c.get("status_id").asText());
            assertThat(c.get("acct").asText()).isNotEmpty();
        });
        assertThat(citations.get(0).get("number").asInt()).isEqualTo(1);
    }

    @Test
    void explainAnswersMastodonStyleErrors() {
        TestServer.User bob = server.signUp("bob");
        String hidden = server.status(bob, "Only for my followers", "visibility", "private").get("id").asText();

        TestServer.User dan = server.signUp("dan");
        // Explaining spends the model: a signed-in user only.
        TestServer.Response anonymous = server.postJson("/api/v1/colossus/explain", null, Map.of("status_id", hidden));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(server.postJson("/api/v1/colossus/explain", server.appToken(), Map.of("status_id", hidden)).status())
                .isEqualTo(422);
        TestServer.Response unknown = server.postJson("/api/v1/colossus/explain", dan.token(), Map.of("status_id", "12345"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("Record not found");
        TestServer.Response missing = server.postJson("/api/v1/colossus/explain", dan.token(), Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.error()).contains("status_id");
        assertThat(server.postJson("/api/v1/colossus/explain", dan.token(), Map.of("status_id", "abc")).status()).isEqualTo(404);
        assertThat(server.postJson("/api/v1/colossus/explain", dan.token(), Map.of("status_id", hidden)).status()).isEqualTo(404);
        TestServer.Response own = server.post("/api/v1/colossus/explain", bob.token(), Map.of("status_id", hidden));
        assertThat(own.status()).as(own.raw().body()).isEqualTo(200);
        assertThat(own.json().get("text").asText()).isEqualTo("No related posts were found on the network.");
        assertThat(own.json().get("citations")).isEmpty();
    }

    @Test
    void storiesSummariseEachTrendingTagWithItsPostsAndFollowTheTrendsAsTheyMove() {
        assertThat(server.get("/api/v1/colossus/stories", null).json().get("stories")).isEmpty();
        TestServer.User dana = server.signUp("dana");
        TestServer.User eve = server.signUp("eve");
        List<String> eclipse = List.of(
                server.status(dana, "The #eclipse is starting over the harbour").get("id").asText(),
                server.status(eve, "Totality on the beach, what an #eclipse").get("id").asText());
        server.status(eve, "Tea with lemon this afternoon");
        server.awaitSearchable("eclipse", 2);

        JsonNode first = TestServer.eventually(() -> server.get("/api/v1/colossus/stories", null).json().get("stories"),
                list -> !list.isEmpty());
        assertThat(first).hasSize(1);
        assertThat(first.get(0).get("tag").asText()).isEqualTo("eclipse");
        assertThat(first.get(0).get("text").asText()).contains("#eclipse").contains("[1]");
        assertThat(urls(first.get(0).get("citations"))).containsExactlyInAnyOrder(
                server.base + "/@dana/" + eclipse.get(0), server.base + "/@eve/" + eclipse.get(1));

        List<String> comet = new ArrayList<>();
        for (String name : List.of("gina", "hank", "ivan")) {
            comet.add(server.status(server.signUp(name), "A bright #comet is visible after midnight").get("id").asText());
        }
        server.awaitSearchable("comet", 3);
        JsonNode moved = TestServer.eventually(() -> server.get("/api/v1/colossus/stories", null).json().get("stories"),
                list -> list.size() == 2);
        JsonNode cometStory = moved.get(0).get("tag").asText().equals("comet") ? moved.get(0) : moved.get(1);
        assertThat(cometStory.get("tag").asText()).isEqualTo("comet");
        assertThat(urls(cometStory.get("citations"))).hasSize(3).allMatch(u -> comet.stream().anyMatch(id -> u.endsWith("/" + id)));
    }
}
