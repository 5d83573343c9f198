package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import dev.colossus.assistant.mention.MentionResponder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Mastodon's notifications and markers over real HTTP, made by real actions, and live on the user stream. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationApiTest {

    private final TestServer server = new TestServer(TestServer.newDir(), c -> c.withHeartbeat(Duration.ofMillis(300)),
            AssistantConfig.defaults().withMentions(
                    new MentionResponder.Settings(5, Duration.ofHours(6), 64, Duration.ofHours(1))));

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode notifications(TestServer.User who, String query) {
        TestServer.Response r = server.get("/api/v1/notifications" + query, who.token());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> types(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("type").asText()));
        return out;
    }

    private String id(JsonNode json) {
        return json.get("id").asText();
    }

    @Test
    void eachActionNotifiesItsTargetInMastodonsShape() {
        TestServer.User ann = server.signUp("ann1"), bob = server.signUp("bob1");
        String mention = id(server.status(bob, "@ann1 look at this"));
        String own = id(server.status(ann, "ann writes"));
        assertThat(server.post("/api/v1/statuses/" + own + "/favourite", bob.token(), Map.of()).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/statuses/" + own + "/reblog", bob.token(), Map.of()).status()).isEqualTo(200);
        assertThat(server.post("/api/v1/accounts/" + ann.id() + "/follow", bob.token(), Map.of()).status()).isEqualTo(200);

        JsonNode list = notifications(ann, "");
        assertThat(types(list)).containsExactly("follow", "reblog", "favourite", "mention");
        for (JsonNode n : list) {
            assertThat(n.get("id").isTextual()).isTrue();
            assertThat(n.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(n.at("/account/id").asText()).isEqualTo(bob.id());
        }
        assertThat(list.get(0).has("status")).isFalse();
        assertThat(list.get(1).at("/status/id").asText()).isEqualTo(own);
        assertThat(list.get(2).at("/status/id").asText()).isEqualTo(own);
        assertThat(list.get(3).at("/status/id").asText()).isEqualTo(mention);
        assertThat(list.get(3).at("/status/content").asText()).contains("look at this");

        JsonNode one = server.get("/api/v1/notifications/" + id(list.get(3)), ann.token()).json();
        assertThat(one.get("type").asText()).isEqualTo("mention");
        assertThat(server.get("/api/v1/notifications/" + id(list.get(3)), bob.token()).status()).isEqualTo(404);
        assertThat(notifications(bob, "")).isEmpty();
    }

    @Test
    void nobodyIsNotifiedOfTheirOwnActions() {
        TestServer.User cy = server.signUp("cy1");
        String own = id(server.status(cy, "note to self @cy1"));
        server.post("/api/v1/statuses/" + own + "/favourite", cy.token(), Map.of());
        server.post("/api/v1/statuses/" + own + "/reblog", cy.token(), Map.of());
        assertThat(server.post("/api/v1/accounts/" + cy.id() + "/follow", cy.token(), Map.of()).status()).isEqualTo(403);
        assertThat(notifications(cy, "")).isEmpty();
    }

    @Test
    void typesExcludeTypesAndAccountIdFilter() {
        TestServer.User ann = server.signUp("ann2"), bob = server.signUp("bob2"), cy = server.signUp("cy2");
        String own = id(server.status(ann, "filter me"));
        server.status(bob, "@ann2 hi");
        server.post("/api/v1/statuses/" + own + "/favourite", cy.token(), Map.of());
        server.post("/api/v1/accounts/" + ann.id() + "/follow", cy.token(), Map.of());

        assertThat(types(notifications(ann, "?types[]=mention&types[]=follow"))).containsExactly("follow", "mention");
        assertThat(types(notifications(ann, "?exclude_types[]=follow&exclude_types[]=mention"))).containsExactly("favourite");
        assertThat(types(notifications(ann, "?account_id=" + cy.id()))).containsExactly("follow", "favourite");
        assertThat(notifications(ann, "?types[]=poll")).isEmpty();
        assertThat(types(notifications(ann, "?exclude_types[]=poll"))).hasSize(3);

        assertThat(unread(ann, "")).isEqualTo(3);
        assertThat(unread(ann, "?types[]=mention&types[]=follow")).isEqualTo(2);
        assertThat(unread(ann, "?exclude_types[]=follow&exclude_types[]=mention")).isEqualTo(1);
        assertThat(unread(ann, "?account_id=" + cy.id())).isEqualTo(2);
        assertThat(unread(ann, "?types[]=poll")).isZero();
    }

    private int unread(TestServer.User user, String query) {
        TestServer.Response r = server.get("/api/v1/notifications/unread_count" + query, user.token());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json().get("count").asInt();
    }

    @Test
    void pagesHoldFortyByDefaultAndAtMostEightyAsMastodonsDo() {
        TestServer.User ann = server.signUp("ann9"), bob = server.signUp("bob9");
        for (int i = 0; i < 85; i++) server.status(bob, "@ann9 number " + i);
        assertThat(notifications(ann, "")).hasSize(40);
        assertThat(notifications(ann, "?limit=80")).hasSize(80);
        assertThat(notifications(ann, "?limit=500")).hasSize(80);
        assertThat(server.get("/api/v1/accounts/" + bob.id() + "/statuses?limit=80", null).json()).hasSize(40);
    }

    @Test
    void pagesWithLinkHeadersAsTimelinesDo() {
        TestServer.User ann = server.signUp("ann3"), bob = server.signUp("bob3");
        for (int i = 0; i < 5; i++) server.status(bob, "@ann3 number " + i);
        List<String> all = TestServer.ids(notifications(ann, ""));
        assertThat(all).hasSize(5);

        TestServer.Response first = server.get("/api/v1/notifications?limit=2&types[]=mention", ann.token());
        assertThat(TestServer.ids(first.json())).containsExactly(all.get(0), all.get(1));
        String link = first.header("Link");
        assertThat(link).contains("max_id=" + all.get(1)).contains("min_id=" + all.get(0)).contains("types");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>')).replace(server.base, "");
        assertThat(TestServer.ids(server.get(next, ann.token()).json())).containsExactly(all.get(2), all.get(3));
        assertThat(TestServer.ids(notifications(ann, "?min_id=" + all.get(4) + "&limit=2")))
                .containsExactly(all.get(2), all.get(3));
        assertThat(TestServer.ids(notifications(ann, "?since_id=" + all.get(2)))).containsExactly(all.get(0), all.get(1));
    }

    @Test
    void dismissAndClearRemoveNotifications() {
        TestServer.User ann = server.signUp("ann4"), bob = server.signUp("bob4");
        server.status(bob, "@ann4 one");
        server.status(bob, "@ann4 two");
        List<String> ids = TestServer.ids(notifications(ann, ""));

        assertThat(server.post("/api/v1/notifications/" + ids.get(0) + "/dismiss", bob.token(), Map.of()).status())
                .isEqualTo(404);
        TestServer.Response dismissed = server.post("/api/v1/notifications/" + ids.get(0) + "/dismiss", ann.token(), Map.of());
        assertThat(dismissed.status()).isEqualTo(200);
        assertThat(dismissed.json().size()).isZero();
        assertThat(TestServer.ids(notifications(ann, ""))).containsExactly(ids.get(1));
        assertThat(server.get("/api/v1/notifications/" + ids.get(0), ann.token()).status()).isEqualTo(404);

        assertThat(server.post("/api/v1/notifications/clear", ann.token(), Map.of()).status()).isEqualTo(200);
        assertThat(notifications(ann, "")).isEmpty();
        assertThat(server.post("/api/v1/notifications/clear", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void deletingThePostRemovesItsNotification() {
        TestServer.User ann = server.signUp("ann5"), bob = server.signUp("bob5");
        String post = id(server.status(bob, "@ann5 I will take this back"));
        assertThat(notifications(ann, "")).hasSize(1);
        server.send("DELETE", "/api/v1/statuses/" + post, bob.token(), null, null, Map.of());
        assertThat(notifications(ann, "")).isEmpty();
    }

    @Test
    void unreadCountFollowsTheNotificationsMarker() {
        TestServer.User ann = server.signUp("ann6"), bob = server.signUp("bob6");
        server.status(bob, "@ann6 one");
        server.status(bob, "@ann6 two");
        assertThat(server.get("/api/v1/notifications/unread_count", ann.token()).json().get("count").asInt()).isEqualTo(2);
        assertThat(server.get("/api/v1/markers?timeline[]=notifications", ann.token()).json().size()).isZero();

        String newest = TestServer.ids(notifications(ann, "")).getFirst();
        TestServer.Response set = server.post("/api/v1/markers", ann.token(), Map.of("notifications[last_read_id]", newest));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().at("/notifications/last_read_id").asText()).isEqualTo(newest);
        assertThat(set.json().at("/notifications/version").asInt()).isEqualTo(1);
        assertThat(set.json().at("/notifications/updated_at").asText()).endsWith("Z");
        assertThat(server.get("/api/v1/notifications/unread_count", ann.token()).json().get("count").asInt()).isZero();

        server.status(bob, "@ann6 three");
        assertThat(server.get("/api/v1/notifications/unread_count", ann.token()).json().get("count").asInt()).isEqualTo(1);
        TestServer.Response json = server.postJson("/api/v1/markers", ann.token(),
                Map.of("home", Map.of("last_read_id", "123"), "notifications", Map.of("last_read_id", newest)));
        assertThat(json.status()).as(json.raw().body()).isEqualTo(200);
        assertThat(json.json().at("/notifications/version").asInt()).isEqualTo(2);
        JsonNode markers = server.get("/api/v1/markers?timeline[]=home&timeline[]=notifications", ann.token()).json();
        assertThat(markers.at("/home/last_read_id").asText()).isEqualTo("123");
        assertThat(markers.at("/notifications/last_read_id").asText()).isEqualTo(newest);

        assertThat(server.post("/api/v1/markers", ann.token(), Map.of()).status()).isEqualTo(400);
        assertThat(server.post("/api/v1/markers", ann.token(), Map.of("home[last_read_id]", "x")).status()).isEqualTo(400);
    }

    @Test
    void scopesGuardReadingAndWriting() {
        TestServer.User ann = server.signUp("ann7");
        String statusesOnly = server.post("/oauth/token", null, Map.of("grant_type", "password",
                "client_id", server.clientId(), "client_secret", server.clientSecret(),
                "username", "ann7@example.org", "password", "correct horse battery", "scope", "read:statuses"))
                .json().get("access_token").asText();
        assertThat(server.get("/api/v1/notifications", statusesOnly).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/notifications/unread_count", statusesOnly).status()).isEqualTo(403);
        assertThat(server.post("/api/v1/notifications/clear", statusesOnly, Map.of()).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/markers", statusesOnly).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/notifications", null).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/notifications", ann.token()).status()).isEqualTo(200);
    }

    /** The data of each {@code event: notification} on a user stream, read on a background thread. */
    private BlockingQueue<String> notificationEvents(String token, List<AutoCloseable> open) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.base + "/api/v1/streaming/user"))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<InputStream> response = server.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        open.add(response.body());
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        BlockingQueue<String> opened = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals(":)")) opened.add(line);
                    if (line.startsWith("event: ")) event = line.substring(7);
                    else if (line.startsWith("data: ") && "notification".equals(event)) events.add(line.substring(6));
                }
            } catch (java.io.IOException ignored) {
                // closed
            }
        });
        assertThat(opened.poll(5, TimeUnit.SECONDS)).isEqualTo(":)");
        return events;
    }

    @Test
    void notificationsArriveOnTheUserStreamWithinOneSecond() throws Exception {
        TestServer.User ann = server.signUp("ann8"), bob = server.signUp("bob8");
        List<AutoCloseable> open = new ArrayList<>();
        try {
            BlockingQueue<String> annEvents = notificationEvents(ann.token(), open);
            BlockingQueue<String> bobEvents = notificationEvents(bob.token(), open);
            String post = id(server.status(bob, "@ann8 are you there?"));
            String data = annEvents.poll(1, TimeUnit.SECONDS);
            assertThat(data).as("a notification within 1 s").isNotNull();
            JsonNode n = TestServer.JSON.readTree(data);
            assertThat(n.get("type").asText()).isEqualTo("mention");
            assertThat(n.at("/status/id").asText()).isEqualTo(post);
            assertThat(n.at("/account/id").asText()).isEqualTo(bob.id());
            assertThat(TestServer.ids(notifications(ann, ""))).containsExactly(n.get("id").asText());
            assertThat(bobEvents.poll(300, TimeUnit.MILLISECONDS)).as("bob is not notified of ann's notification").isNull();
        } finally {
            for (AutoCloseable c : open) c.close();
        }
    }

    @Test
    void notificationsArriveOverTheWebSocketStreamWithinOneSecond() throws Exception {
        TestServer.User ann = server.signUp("ann10"), bob = server.signUp("bob10");
        try (WebSocketStreamingTest.Socket socket = WebSocketStreamingTest.Socket.open(server,
                "stream=user:notification&access_token=" + ann.token(), null)) {
            String post = id(server.status(bob, "@ann10 over the socket"));
            JsonNode message = socket.next(1000);
            assertThat(message).as("a message within 1 s").isNotNull();
            assertThat(message.get("event").asText()).isEqualTo("notification");
            assertThat(message.get("stream").get(0).asText()).isEqualTo("user:notification");
            JsonNode n = TestServer.JSON.readTree(message.get("payload").asText());
            assertThat(n.get("type").asText()).isEqualTo("mention");
            assertThat(n.at("/status/id").asText()).isEqualTo(post);
        }
    }

    @Test
    void theAssistantsReplyToAMentionNotifiesTheAsker() throws Exception {
        TestServer.User dee = server.signUp("dee9");
        List<AutoCloseable> open = new ArrayList<>();
        try {
            BlockingQueue<String> events = notificationEvents(dee.token(), open);
            String question = id(server.status(dee, "@colossus what is a sourdough starter?"));
            String data = events.poll(60, TimeUnit.SECONDS);
            assertThat(data).as("a notification for the assistant's reply").isNotNull();
            JsonNode n = TestServer.JSON.readTree(data);
            assertThat(n.get("type").asText()).isEqualTo("mention");
            assertThat(n.at("/account/acct").asText()).isEqualTo("colossus");
            assertThat(n.at("/status/in_reply_to_id").asText()).isEqualTo(question);
            assertThat(types(notifications(dee, ""))).containsExactly("mention");
        } finally {
            for (AutoCloseable c : open) c.close();
        }
    }
}
