package dev.colossus.app.http;

import static dev.colossus.app.http.TestServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.social.search.SmallFilesystem;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The search index on a small filesystem that fills up while the network takes posts: {@code /health} and
 * {@code /metrics} say so, searches keep answering, and once space is back every post is searchable.
 */
class SearchDiskFullTest {

    private static int hits(TestServer server, String word) {
        return server.get("/api/v2/search?type=statuses&q=" + word, null).json().get("statuses").size();
    }

    @Test
    void aFullDiskMakesHealthFailWithTheReasonAndNoPostIsLostOnceSpaceIsBack() throws Exception {
        Path dir = TestServer.newDir();
        try (SmallFilesystem fs = SmallFilesystem.mount(dir.resolve("search"), 4)) {
            try (TestServer server = new TestServer(dir, c -> c)) {
                TestServer.User ann = server.signUp("ann");
                for (int i = 0; i < 3; i++) server.status(ann, "rain again, day " + i);
                server.awaitSearchable("rain", 3);
                TestServer.Response ok = server.get("/health", null);
                assertThat(ok.status()).isEqualTo(200);
                assertThat(ok.json().get("status").asText()).isEqualTo("ok");
                assertThat(ok.json().at("/parts/search/status").asText()).isEqualTo("ok");
                assertThat(ok.json().at("/parts/database/status").asText()).isEqualTo("ok");
                assertThat(MetricsTest.value(server, "colossus_search_healthy")).isEqualTo(1.0);

                fs.fill();
                long firstFailed = Long.parseLong(server.status(ann, "snowfall starts").get("id").asText());
                TestServer.Response down = eventually(() -> server.get("/health", null), r -> r.status() == 503);
                assertThat(down.status()).isEqualTo(503);
                JsonNode body = down.json();
                assertThat(body.get("status").asText()).isEqualTo("failing");
                assertThat(body.get("failing").toString()).contains("search");
                assertThat(body.at("/parts/search/reason").asText()).containsIgnoringCase("no space left");
                assertThat(body.get("reason").asText()).startsWith("search: ").containsIgnoringCase("no space left");
                assertThat(body.at("/parts/database/status").asText()).isEqualTo("ok");
                assertThat(MetricsTest.value(server, "colossus_search_healthy")).isEqualTo(0.0);

                long lastFailed = 0;
                for (int i = 0; i < 2; i++) {
                    lastFailed = Long.parseLong(server.status(ann, "snowfall continues " + i).get("id").asText());
                }
                assertThat(hits(server, "rain")).as("searches answer from the last good view").isEqualTo(3);
                assertThat(MetricsTest.value(server, "colossus_search_unindexed_posts")).isGreaterThanOrEqualTo(3.0);
                assertThat(MetricsTest.value(server, "colossus_search_mark_behind")).isEqualTo(1.0);
                assertThat(server.colossus.search().health().markPostId())
                        .as("the high-water mark must stay below the first post that failed").isLessThan(firstFailed);

                fs.free();
                TestServer.Response up = eventually(() -> server.get("/health", null), r -> r.status() == 200);
                assertThat(up.status()).isEqualTo(200);
                server.awaitSearchable("snowfall", 3);
                assertThat(hits(server, "snowfall")).isEqualTo(3);
                assertThat(hits(server, "rain")).isEqualTo(3);
                assertThat(MetricsTest.value(server, "colossus_search_healthy")).isEqualTo(1.0);
                assertThat(MetricsTest.value(server, "colossus_search_unindexed_posts")).isEqualTo(0.0);
                assertThat(server.colossus.search().health().markPostId()).isGreaterThanOrEqualTo(lastFailed);
            } finally {
                fs.free();
            }
        }
    }
}
