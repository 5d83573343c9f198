package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Mastodon's lists over real HTTP: the endpoints, their errors, the list timeline and exclusive lists. */
class ListApiTest extends StoreApiTest {

    private void follow(TestServer.User who, TestServer.User target) {
        ok(server.post("/api/v1/accounts/" + target.id() + "/follow", who.token(), Map.of()));
    }

    @Test
    void listsAreMadeReadChangedAndDeletedInMastodonsShape() {
        TestServer.User ann = user("ann"), bob = user("bob");
        JsonNode made = ok(server.postJson("/api/v1/lists", ann.token(), Map.of("title", "Friends")));
        String id = made.get("id").asText();
        assertThat(made.get("title").asText()).isEqualTo("Friends");
        assertThat(made.get("replies_policy").asText()).isEqualTo("list");
        assertThat(made.get("exclusive").asBoolean()).isFalse();
        JsonNode changed = ok(server.form("PUT", "/api/v1/lists/" + id, ann.token(),
                Map.of("title", "Close friends", "replies_policy", "none", "exclusive", "true")));
        assertThat(changed.get("title").asText()).isEqualTo("Close friends");
        assertThat(changed.get("replies_policy").asText()).isEqualTo("none");
        assertThat(changed.get("exclusive").asBoolean()).isTrue();
        assertThat(TestServer.ids(ok(server.get("/api/v1/lists", ann.token())))).containsExactly(id);
        assertThat(ok(server.get("/api/v1/lists/" + id, ann.token())).get("title").asText()).isEqualTo("Close friends");

        assertThat(server.get("/api/v1/lists/" + id, bob.token()).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/lists", bob.token()).json()).isEmpty();
        assertThat(server.post("/api/v1/lists", ann.token(), Map.of("title", " ")).status()).isEqualTo(422);
        assertThat(server.post("/api/v1/lists", ann.token(), Map.of("title", "x", "replies_policy", "all")).status())
                .isEqualTo(422);
        assertThat(server.get("/api/v1/lists", null).status()).isEqualTo(401);

        assertThat(server.send("DELETE", "/api/v1/lists/" + id, bob.token(), null, null, Map.of()).status()).isEqualTo(404);
        ok(server.send("DELETE", "/api/v1/lists/" + id, ann.token(), null, null, Map.of()));
        assertThat(server.get("/api/v1/lists/" + id, ann.token()).status()).isEqualTo(404);
    }

    @Test
    void membersAreFollowedAccountsAndTheListTimelineShowsTheirPosts() {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy"), dee = user("dee");
        String id = ok(server.postJson("/api/v1/lists", ann.token(), Map.of("title", "Crew"))).get("id").asText();
        String members = "/api/v1/lists/" + id + "/accounts";
        assertThat(server.postJson(members, ann.token(), Map.of("account_ids", List.of(bob.id()))).status()).isEqualTo(422);
        follow(ann, bob);
        follow(ann, cy);
        follow(ann, dee);
        ok(server.postJson(members, ann.token(), Map.of("account_ids", List.of(bob.id(), cy.id()))));
        assertThat(TestServer.ids(ok(server.get(members, ann.token())))).containsExactly(cy.id(), bob.id());
        assertThat(TestServer.ids(ok(server.get(members + "?limit=1", ann.token())))).containsExactly(cy.id());
        assertThat(server.get(members + "?limit=1", ann.token()).header("Link")).contains("max_id=");
        assertThat(TestServer.ids(ok(server.get(members + "?limit=0", ann.token())))).hasSize(2);
        assertThat(TestServer.ids(ok(server.get("/api/v1/accounts/" + bob.id() + "/lists", ann.token())))).containsExactly(id);
        assertThat(server.get(members, bob.token()).status()).isEqualTo(404);

        String bobs = server.status(bob, "bob in the list").get("id").asText();
        String dees = server.status(dee, "dee not in it").get("id").asText();
        String cys = server.status(cy, "@" + bob.username() + " a reply inside the list", "in_reply_to_id", bobs).get("id").asText();
        assertThat(TestServer.ids(ok(server.get("/api/v1/timelines/list/" + id, ann.token())))).containsExactly(cys, bobs);
        assertThat(server.get("/api/v1/timelines/list/" + id, bob.token()).status()).isEqualTo(404);

        ok(server.send("DELETE", members + "?account_ids[]=" + cy.id(), ann.token(), null, null, Map.of()));
        assertThat(TestServer.ids(ok(server.get(members, ann.token())))).containsExactly(bob.id());
        ok(server.post("/api/v1/accounts/" + bob.id() + "/unfollow", ann.token(), Map.of()));
        assertThat(ok(server.get(members, ann.token()))).isEmpty();
        assertThat(ok(server.get("/api/v1/timelines/list/" + id, ann.token()))).isEmpty();
        assertThat(TestServer.ids(ok(server.get("/api/v1/timelines/home", ann.token())))).contains(dees);
    }

    @Test
    void theListStreamCarriesWhatTheListShows() throws Exception {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        follow(ann, bob);
        follow(ann, cy);
        String id = ok(server.postJson("/api/v1/lists", ann.token(), Map.of("title", "Just bob"))).get("id").asText();
        ok(server.postJson("/api/v1/lists/" + id + "/accounts", ann.token(), Map.of("account_ids", List.of(bob.id()))));
        assertThat(server.get("/api/v1/streaming/list?list=" + id, bob.token()).status()).isEqualTo(404);
        assertThat(server.get("/api/v1/streaming/list", ann.token()).status()).isEqualTo(400);
        try (WebSocketStreamingTest.Socket s = WebSocketStreamingTest.Socket.open(server,
                "stream=list&list=" + id + "&access_token=" + ann.token(), null)) {
            server.status(cy, "cy is not in the list");
            String bobs = server.status(bob, "bob is").get("id").asText();
            JsonNode m = s.next(5000);
            assertThat(m).isNotNull();
            assertThat(m.get("stream")).hasToString("[\"list\",\"" + id + "\"]");
            assertThat(m.get("event").asText()).isEqualTo("update");
            assertThat(TestServer.JSON.readTree(m.get("payload").asText()).get("id").asText()).isEqualTo(bobs);
        }
    }

    @Test
    void anExclusiveListTakesItsMembersOutOfHome() {
        TestServer.User ann = user("ann"), bob = user("bob"), cy = user("cy");
        follow(ann, bob);
        follow(ann, cy);
        String id = ok(server.postJson("/api/v1/lists", ann.token(), Map.of("title", "Loud", "exclusive", true)))
                .get("id").asText();
        ok(server.postJson("/api/v1/lists/" + id + "/accounts", ann.token(), Map.of("account_ids", List.of(bob.id()))));
        String bobs = server.status(bob, "bob talks a lot").get("id").asText();
        String cys = server.status(cy, "cy talks").get("id").asText();
        assertThat(TestServer.ids(ok(server.get("/api/v1/timelines/home", ann.token())))).contains(cys).doesNotContain(bobs);
        assertThat(TestServer.ids(ok(server.get("/api/v1/timelines/list/" + id, ann.token())))).containsExactly(bobs);
    }
}
