package dev.colossus.assistant.mention;

import dev.colossus.social.text.PostText;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlainReplyTest {

    @Test
    void markdownBecomesPlainTextAndCitationMarkersAndMentionsGo() {
        String md = """
                ## Summary

                **Bread** is *mostly* flour [1]. Use `rye` or __spelt__ [2, 3].

                * first point
                + second point
                > quoted
                ```java
                code();
                ```
                ---
                See [the guide](https://example.org/guide) and ask @bob. snake_case_name stays.""";
        String plain = PlainReply.plain(md);
        assertThat(plain).isEqualTo("""
                Summary

                Bread is mostly flour. Use rye or spelt.

                - first point
                - second point
                quoted
                code();

                See the guide (https://example.org/guide) and ask bob. snake_case_name stays.""");
    }

    @Test
    void aLongAnswerIsCutAtAWordWithinTheLimitKeepingThePrefixAndLinks() {
        String body = "word ".repeat(200).strip();
        List<String> links = List.of("https://example.org/@a/1", "https://example.org/@b/2");
        String post = PlainReply.fit("@alice ", body, links, 500);
        assertThat(PostText.length(post)).isLessThanOrEqualTo(500).isGreaterThan(400);
        assertThat(post).startsWith("@alice word").contains("word…\n\nhttps://example.org/@a/1\nhttps://example.org/@b/2");
    }

    @Test
    void linksAreDroppedBeforeTheBodyShrinksBelowEightyCharacters() {
        List<String> links = List.of("https://example.org/1", "https://example.org/2", "https://example.org/3");
        String post = PlainReply.fit("@al ", "x".repeat(200), links, 130);
        assertThat(PostText.length(post)).isLessThanOrEqualTo(130);
        assertThat(post).contains("https://example.org/1").doesNotContain("https://example.org/3");
    }
}
