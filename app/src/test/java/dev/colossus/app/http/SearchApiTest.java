package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiTest {

    private final TestServer server = new TestServer();
    private final TestServer.User ann = server.signUp("ann");
    private final TestServer.User bob = server.signUp("bob_searcher");

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode searchWithin(String query, String token, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        JsonNode r;
        do {
            r = server.get("/api/v2/search?type=statuses&q=" + query, token).json();
            if (!r.get("statuses").isEmpty()) return r;
            Thread.sleep(50);
        } while (System.currentTimeMillis() < end);
        return r;
    }

    @Test
    void aNewPostIsSearchableWithinOneSecond() throws Exception {
        JsonNode post = server.status(ann, "A quokka was seen near the harbour #wildlife");
        JsonNode r = searchWithin("quokka", null, 1000);
        assertThat(TestServer.ids(r.get("statuses"))).containsExactly(post.get("id").asText());
        assertThat(r.get("statuses").get(0).get("content").asText()).contains("quokka");
    }

    @Test
    void deletedAndFollowersOnlyPostsAreNotFound() throws Exception {
        JsonNode gone = server.status(ann, "ephemeral wombat");
        searchWithin("wombat", null, 1000);
        server.send("DELETE", "/api/v1/statuses/" + gone.get("id").asText(), ann.token(), null, null, Map.of());
        assertThat(server.get("/api/v2/search?q=wombat", null).json().get("statuses")).isEmpty();
        server.status(ann, "private platypus", "visibility", "private");
        server.status(ann, "public platypus");
        JsonNode r = searchWithin("platypus", bob.token(), 1000);
        assertThat(r.get("statuses")).hasSize(1);
        assertThat(r.get("statuses").get(0).get("content").asText()).contains("public platypus");
    }

    @Test
    void accountsAndHashtagsAreFoundByPrefix() throws Exception {
        server.status(bob, "tagging #searchable things");
        searchWithin("tagging", null, 1000);
        JsonNode r = server.get("/api/v2/search?q=bob_sea", null).json();
        assertThat(r.get("accounts").findValuesAsText("username")).contains("bob_searcher");
        JsonNode tags = server.get("/api/v2/search?type=hashtags&q=%23searcha", null).json();
        assertThat(tags.get("hashtags").findValuesAsText("name")).containsExactly("searchable");
        assertThat(tags.get("accounts")).isEmpty();
        JsonNode v1 = server.get("/api/v1/accounts/search?q=ann", null).json();
        assertThat(v1.findValuesAsText("username")).contains("ann");
    }

    @Test
    void badSearchRequestsAre400() {
        assertThat(server.get("/api/v2/search", null).status()).isEqualTo(400);
        assertThat(server.get("/api/v2/search?q=x&type=videos", null).status()).isEqualTo(400);
        assertThat(server.get("/api/v2/search?q=x&limit=many", null).status()).isEqualTo(400);
    }

    @Test
    void theIndexIsRebuiltFromTheDatabaseWhenItsDirectoryIsLost() throws Exception {
        TestServer first = new TestServer();
        TestServer.User u = first.signUp("keeper");
        JsonNode post = first.status(u, "the narwhal survives restarts");
        first.stopKeepingData();
        try (Stream<Path> files = Files.walk(first.dir.resolve("search"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (TestServer again = new TestServer(first.dir, c -> c)) {
            JsonNode r = again.get("/api/v2/search?type=statuses&q=narwhal", null).json();
            assertThat(TestServer.ids(r.get("statuses"))).containsExactly(post.get("id").asText());
            assertThat(again.get("/api/v2/search?type=accounts&q=keeper", null).json().get("accounts")).hasSize(1);
        }
    }
}
