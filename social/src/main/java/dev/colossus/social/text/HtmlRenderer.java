package dev.colossus.social.text;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a post's text as Mastodon's {@code content} HTML: paragraphs, line breaks, and links for URLs, known
 * mentions and hashtags; everything else escaped. Immutable and thread-safe.
 */
public final class HtmlRenderer {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\n{2,}");

    private final String baseUrl;

    /** @param baseUrl the server's public origin, without a trailing slash (e.g. {@code https://example.org}) */
    public HtmlRenderer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * @param knownMentions lower-case usernames that resolved to accounts; other {@code @names} stay plain text
     */
    public String render(String text, Set<String> knownMentions) {
        StringBuilder html = new StringBuilder(text.length() + 32).append("<p>");
        for (PostText.Segment s : PostText.parse(text.strip())) {
            switch (s) {
                case PostText.Plain p -> appendPlain(html, p.raw());
                case PostText.Link l -> html.append("<a href=\"").append(escape(l.raw()))
                        .append("\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">")
                        .append(escape(l.raw())).append("</a>");
                case PostText.Mention m when knownMentions.contains(m.username().toLowerCase(Locale.ROOT)) ->
                        html.append("<span class=\"h-card\"><a href=\"").append(baseUrl).append("/@")
                                .append(escape(m.username())).append("\" class=\"u-url mention\">@<span>")
                                .append(escape(m.username())).append("</span></a></span>");
                case PostText.Mention m -> appendPlain(html, m.raw());
                case PostText.Hashtag h -> html.append("<a href=\"").append(baseUrl).append("/tags/")
                        .append(escape(PostText.normalizeTag(h.name())))
                        .append("\" class=\"mention hashtag\" rel=\"tag\">#<span>").append(escape(h.name()))
                        .append("</span></a>");
            }
        }
        return html.append("</p>").toString();
    }

    private static void appendPlain(StringBuilder html, String text) {
        String escaped = escape(text.replace("\r\n", "\n"));
        if (escaped.indexOf('\n') < 0) {
            html.append(escaped);
        } else {
            html.append(PARAGRAPH_BREAK.matcher(escaped).replaceAll("</p><p>").replace("\n", "<br />"));
        }
    }

    /** Escapes the five HTML-special characters. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
