package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.AssistantConfig;
import dev.colossus.assistant.mention.MentionResponder;
import dev.colossus.social.text.PostText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Mention replies and explanations written by a (scripted) remote model: the prompts it is given, what is made of its answers. */
class AssistantRemoteModelTest {

    private static final String MARKDOWN = """
            ## Kurz gesagt

            **Die Brücke** ist wegen *Reparaturen* gesperrt [1].

            * bis März, laut `Stadtrat` [1]

            Frag @bob für mehr.""";
    private final ScriptedModelServer model = new ScriptedModelServer(messages -> {
        String last = messages.get(messages.size() - 1).get("content").asText();
        if (last.contains("Explain this post to someone")) return "- The council closed the bridge [1]\n- Buses take a detour [2]";
        if (last.contains("without markers")) return "The bridge is closed until March.";
        return last.contains("ausführlich") ? "Sehr lange Antwort. ".repeat(150) : MARKDOWN;
    });
    private final TestServer server = new TestServer(TestServer.newDir(), c -> c,
            AssistantConfig.defaults().withRemote(model.baseUrl(), "scripted"));

    @AfterEach
    void stop() {
        server.close();
        model.close();
    }

    private String awaitReplyText(String postId, TestServer.User viewer) {
        List<JsonNode> replies = TestServer.eventually(() -> {
            List<JsonNode> out = new ArrayList<>();
            server.get("/api/v1/statuses/" + postId + "/context", viewer.token()).json().get("descendants").forEach(out::add);
            return out;
        }, list -> !list.isEmpty());
        assertThat(replies).hasSize(1);
        return server.colossus.social().posts().get(Long.parseLong(replies.getFirst().get("id").asText()), null).text();
    }

    @Test
    void theModelGetsTheThreadAndTheLanguageAndItsMarkdownBecomesAPlainCitedReply() {
        TestServer.User bob = server.signUp("bob");
        TestServer.User alice = server.signUp("alice");
        String bridge = server.status(bob, "Der Stadtrat sperrt die Brücke an der Elmstraße bis März", "language", "de")
                .get("id").asText();
        TestServer.eventually(() -> server.get("/api/v2/search?type=statuses&q=Brücke", null).json().get("statuses").size(),
                n -> n >= 1);
        String question = server.status(alice, "@colossus warum ist die Brücke gesperrt?", "in_reply_to_id", bridge,
                "language", "de").get("id").asText();

        String reply = awaitReplyText(question, alice);

        assertThat(reply).isEqualTo("@alice Kurz gesagt\n\nDie Brücke ist wegen Reparaturen gesperrt.\n\n"
                + "- bis März, laut Stadtrat\n\nFrag bob für mehr.\n\n" + server.base + "/@bob/" + bridge);
        JsonNode messages = model.requests.getLast().get("messages");
        assertThat(messages.get(0).get("content").asText()).contains("language code: de").contains("no markdown");
        String last = messages.get(messages.size() - 1).get("content").asText();
        assertThat(last).contains("@alice asks: warum ist die Brücke gesperrt?")
                .contains("<thread>\n@bob (post " + bridge + ", ").contains("\"Der Stadtrat sperrt die Brücke")
                .contains("<sources>").doesNotContain("@colossus");
    }

    @Test
    void aLongAnswerIsCutToFitAPost() {
        TestServer.User alice = server.signUp("alice");
        String question = server.status(alice, "@colossus erkläre es bitte ausführlich").get("id").asText();

        String reply = awaitReplyText(question, alice);

        assertThat(PostText.length(reply)).isLessThanOrEqualTo(MentionResponder.MAX_REPLY_CHARS).isGreaterThan(400);
        assertThat(reply).startsWith("@alice Sehr lange Antwort.").endsWith("…");
    }

    @Test
    void anExplanationCitesTheSourcesTheModelNumbered() {
        TestServer.User bob = server.signUp("bob");
        TestServer.User carol = server.signUp("carol");
        String target = server.status(carol, "Elm Street bridge closed again?").get("id").asText();
        String reply = server.status(bob, "Yes, the council closed the Elm Street bridge until March", "in_reply_to_id", target)
                .get("id").asText();
        TestServer.eventually(() -> server.get("/api/v2/search?type=statuses&q=bridge", null).json().get("statuses").size(),
                n -> n >= 2);

        TestServer.Response r = server.postJson("/api/v1/colossus/explain", carol.token(), java.util.Map.of("status_id", reply));

        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("extractive").asBoolean()).isFalse();
        assertThat(r.json().get("text").asText()).isEqualTo("- The council closed the bridge [1]\n- Buses take a detour [2]");
        JsonNode citations = r.json().get("citations");
        // Sources are numbered from [1]: the post it replies to first; the post explained is quoted, not a source;
        // there is no source [2].
        assertThat(citations).hasSize(1);
        assertThat(citations.get(0).get("number").asInt()).isEqualTo(1);
        assertThat(citations.get(0).get("url").asText()).isEqualTo(server.base + "/@carol/" + target);
        String prompt = model.requests.getLast().get("messages").get(1).get("content").asText();
        assertThat(prompt).contains("[1] @carol").doesNotContain("[2] @")
                .contains("Explain this post to someone who has just come across it:\n@bob (post " + reply + "): "
                        + "\"Yes, the council closed the Elm Street bridge until March\"");
    }

    @Test
    void anAnswerWithoutMarkersCitesEveryPostTheModelWasGivenNumberedFromOne() throws Exception {
        TestServer.User bob = server.signUp("bob");
        String first = server.status(bob, "The Elm Street bridge is closed").get("id").asText();
        String second = server.status(bob, "Buses around the closed bridge take a detour").get("id").asText();
        TestServer.eventually(() -> server.get("/api/v2/search?type=statuses&q=bridge", null).json().get("statuses").size(),
                n -> n >= 2);

        TestServer.Response r = server.postJson("/v1/chat/completions", bob.token(), java.util.Map.of("model", "colossus",
                "messages", List.of(java.util.Map.of("role", "user", "content", "Is the bridge closed? Answer without markers"))));

        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().at("/choices/0/message/content").asText()).isEqualTo("The bridge is closed until March.");
        List<String> cited = new ArrayList<>();
        r.json().get("citations").forEach(c -> cited.add(c.asText()));
        assertThat(cited).containsExactlyInAnyOrder(server.base + "/@bob/" + first, server.base + "/@bob/" + second);
        String prompt = model.requests.getLast().get("messages").toString();
        assertThat(prompt).contains("[1] @bob").contains("[2] @bob");
    }
}
