package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemoNetworkTest {

    @Test
    void aServerOnAnEmptyDirectoryHasTheDemoNetworkAndFindsItsPosts() throws Exception {
        try (TestServer server = new TestServer(c -> c.withDemo(true, false))) {
            JsonNode timeline = server.get("/api/v1/timelines/public?limit=40", null).json();
            assertThat(timeline).hasSize(40);
            JsonNode author = timeline.get(0).get("account");
            assertThat(author.get("statuses_count").asLong()).isPositive();
            assertThat(author.get("followers_count").asLong()).isPositive();

            JsonNode found = server.get("/api/v2/search?type=statuses&q=%23NimbusLaunch", null).json();
            assertThat(found.get("statuses")).isNotEmpty();
            assertThat(found.get("statuses").get(0).get("content").asText().toLowerCase()).contains("nimbuslaunch");
            assertThat(server.colossus.search().postCount()).isEqualTo(3000);

            // The demo people are real accounts: their names are taken.
            Map<String, Object> form = Map.of("username", author.get("username").asText(), "email", "x@example.org",
                    "password", "correct horse battery", "agreement", true, "locale", "en");
            assertThat(server.postJson("/api/v1/accounts", server.appToken(), form).status()).isEqualTo(422);
        }
    }

    @Test
    void noDemoLeavesTheNetworkEmpty() {
        try (TestServer server = new TestServer(c -> c.withDemo(false, false))) {
            assertThat(server.get("/api/v1/timelines/public", null).json()).isEmpty();
            assertThat(server.colossus.search().postCount()).isZero();
        }
    }

    @Test
    void demoLivePostsArriveThroughTheNormalPathAndBecomeSearchable() throws Exception {
        try (TestServer server = new TestServer(c -> c.withDemo(true, true))) {
            String newestSeeded = server.get("/api/v1/timelines/public?limit=1", null).json().get(0).get("id").asText();
            JsonNode live = null;
            long deadline = System.currentTimeMillis() + 60_000;
            while (live == null && System.currentTimeMillis() < deadline) {
                JsonNode newer = server.get("/api/v1/timelines/public?since_id=" + newestSeeded, null).json();
                if (!newer.isEmpty()) live = newer.get(0);
                else Thread.sleep(200);
            }
            assertThat(live).as("a live demo post within 60 s").isNotNull();
            while (server.colossus.search().postCount() <= 3000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.colossus.search().postCount()).isGreaterThan(3000);
        }
    }
}
