package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineApiTest {

    private final TestServer server = new TestServer();
    private final TestServer.User ann = server.signUp("ann");
    private final TestServer.User bob = server.signUp("bob");
    private final TestServer.User eve = server.signUp("eve");
    private final List<String> annPosts = new ArrayList<>();

    TimelineApiTest() {
        server.post("/api/v1/accounts/" + ann.id() + "/follow", bob.token(), Map.of());
        for (int i = 0; i < 45; i++) annPosts.add(server.status(ann, "post number " + i + " #counting").get("id").asText());
        server.status(ann, "quiet one", "visibility", "unlisted");
        server.status(ann, "friends only", "visibility", "private");
        server.status(eve, "eve says hi #counting");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static List<String> contents(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("content").asText()));
        return out;
    }

    @Test
    void publicTimelineShowsOnlyPublicPostsNewestFirstWithDefaultLimit20() {
        JsonNode page = server.get("/api/v1/timelines/public", null).json();
        assertThat(page).hasSize(20);
        assertThat(contents(page)).anyMatch(c -> c.contains("eve says hi"));
        assertThat(contents(page)).noneMatch(c -> c.contains("quiet one") || c.contains("friends only"));
        List<Long> ids = TestServer.ids(page).stream().map(Long::parseLong).toList();
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void anonymousFirstPageShowsEveryChangeAtOnce() {
        try (TestServer fresh = new TestServer()) {
            TestServer.User cat = fresh.signUp("cat");
            TestServer.User dan = fresh.signUp("dan");
            fresh.status(cat, "first words");
            String page = "/api/v1/timelines/public?limit=5";
            JsonNode before = fresh.get(page, null).json();
            assertThat(fresh.get(page, null).json()).as("asked again unchanged").isEqualTo(before);
            String id = fresh.status(dan, "second words").get("id").asText();
            assertThat(TestServer.ids(fresh.get(page, null).json())).as("a new post").first().isEqualTo(id);
            fresh.post("/api/v1/statuses/" + id + "/favourite", cat.token(), Map.of());
            assertThat(fresh.get(page, null).json().get(0).get("favourites_count").asInt()).as("a like").isEqualTo(1);
            fresh.post("/api/v1/accounts/" + dan.id() + "/follow", cat.token(), Map.of());
            assertThat(fresh.get(page, null).json().get(0).get("account").get("followers_count").asInt())
                    .as("a follow").isEqualTo(1);
            var other = fresh.get("/api/v1/timelines/public?limit=1", null);
            assertThat(TestServer.ids(other.json())).containsExactly(id);
            assertThat(other.header("Link")).contains("limit=1&max_id=" + id);
            assertThat(fresh.get(page, cat.token()).json().get(0).get("favourited").asBoolean())
                    .as("a signed-in viewer's own view").isTrue();
        }
    }

    @Test
    void limitIsCappedAt40() {
        assertThat(server.get("/api/v1/timelines/public?limit=100", null).json()).hasSize(40);
        assertThat(server.get("/api/v1/timelines/public?limit=3", null).json()).hasSize(3);
    }

    @Test
    void maxIdSinceIdAndMinIdPageAsMastodonDoes() {
        String p10 = annPosts.get(10), p20 = annPosts.get(20);
        JsonNode older = server.get("/api/v1/accounts/" + ann.id() + "/statuses?max_id=" + p20 + "&limit=3", null).json();
        assertThat(TestServer.ids(older)).containsExactly(annPosts.get(19), annPosts.get(18), annPosts.get(17));
        JsonNode since = server.get("/api/v1/accounts/" + ann.id() + "/statuses?since_id=" + p10 + "&max_id=" + p20 + "&limit=3", null).json();
        assertThat(TestServer.ids(since)).containsExactly(annPosts.get(19), annPosts.get(18), annPosts.get(17));
        JsonNode min = server.get("/api/v1/accounts/" + ann.id() + "/statuses?min_id=" + p10 + "&limit=3", null).json();
        assertThat(TestServer.ids(min)).containsExactly(annPosts.get(13), annPosts.get(12), annPosts.get(11));
    }

    @Test
    void linkHeaderPointsAtTheNextAndPreviousPages() {
        var r = server.get("/api/v1/timelines/tag/counting?limit=5", null);
        JsonNode page = r.json();
        String link = r.header("Link");
        String last = page.get(4).get("id").asText(), first = page.get(0).get("id").asText();
        assertThat(link).isEqualTo("<" + server.base + "/api/v1/timelines/tag/counting?limit=5&max_id=" + last + ">; rel=\"next\", <"
                + server.base + "/api/v1/timelines/tag/counting?limit=5&min_id=" + first + ">; rel=\"prev\"");
        assertThat(server.get("/api/v1/timelines/public?min_id=" + first + "&since_id=" + Long.MAX_VALUE, null).header("Link")).isNull();
    }

    @Test
    void hashtagTimelineIsCaseInsensitiveAndPublicOnly() {
        JsonNode page = server.get("/api/v1/timelines/tag/COUNTING?limit=40", null).json();
        assertThat(page).hasSize(40);
        assertThat(contents(page).getFirst()).contains("eve says hi");
        assertThat(server.get("/api/v1/timelines/tag/nosuchtag", null).json()).isEmpty();
    }

    @Test
    void homeShowsFollowedAccountsAndSelfIncludingFollowersOnlyPosts() {
        server.status(bob, "bob himself");
        JsonNode home = server.get("/api/v1/timelines/home?limit=40", bob.token()).json();
        assertThat(contents(home).getFirst()).contains("bob himself");
        assertThat(contents(home)).anyMatch(c -> c.contains("friends only")).anyMatch(c -> c.contains("quiet one"))
                .noneMatch(c -> c.contains("eve says hi"));
        JsonNode eveHome = server.get("/api/v1/timelines/home", eve.token()).json();
        assertThat(contents(eveHome)).allMatch(c -> c.contains("eve"));
        assertThat(server.get("/api/v1/timelines/home", null).status()).isEqualTo(401);
    }

    @Test
    void reblogsAppearOnFollowersHomeButNotOnThePublicTimeline() {
        TestServer.User fan = server.signUp("fan");
        server.post("/api/v1/accounts/" + bob.id() + "/follow", fan.token(), Map.of());
        String eveId = server.get("/api/v1/accounts/" + eve.id() + "/statuses?limit=1", null).json().get(0).get("id").asText();
        var reblog = server.post("/api/v1/statuses/" + eveId + "/reblog", bob.token(), Map.of()).json();
        JsonNode fanHome = server.get("/api/v1/timelines/home", fan.token()).json();
        assertThat(fanHome.get(0).get("id").asText()).isEqualTo(reblog.get("id").asText());
        assertThat(fanHome.get(0).get("reblog").get("id").asText()).isEqualTo(eveId);
        assertThat(TestServer.ids(server.get("/api/v1/timelines/public?limit=40", null).json()))
                .doesNotContain(reblog.get("id").asText());
        JsonNode bobPosts = server.get("/api/v1/accounts/" + bob.id() + "/statuses?exclude_reblogs=true", null).json();
        assertThat(TestServer.ids(bobPosts)).doesNotContain(reblog.get("id").asText());
    }

    @Test
    void accountTimelineOfAnUnknownAccountIs404() {
        assertThat(server.get("/api/v1/accounts/777/statuses", null).status()).isEqualTo(404);
    }
}
