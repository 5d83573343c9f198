package dev.colossus.assistant.grounding;

/**
 * A post's text as an answer quotes it: on one line, shortened, without the links it carries (see {@link Links}),
 * inside typographic quotes that the text cannot close (its own curly quotes become straight ones). Written after
 * its author ({@code @alice wrote: “…”}), instructions in a post read as what that person wrote, never as the
 * assistant's own words.
 */
public final class PostExcerpt {

    private PostExcerpt() {
    }

    /**
     * The quoted excerpt, quotes included.
     *
     * @param maxChars most code points of the text inside the quotes (at least 2); a longer text is cut with "…"
     */
    public static String of(String text, int maxChars) {
        String line = Links.removed(text).replaceAll("\\s+", " ").strip().replaceAll("[“”„‟〝〞＂]", "\"");
        if (line.codePointCount(0, line.length()) > maxChars) {
            line = line.substring(0, line.offsetByCodePoints(0, maxChars - 1)).stripTrailing() + "…";
        }
        return "“" + line + "”";
    }

    /** {@code @handle wrote: “excerpt”}. */
    public static String attributed(String handle, String text, int maxChars) {
        return "@" + QuotedPost.handle(handle) + " wrote: " + of(text, maxChars);
    }
}
