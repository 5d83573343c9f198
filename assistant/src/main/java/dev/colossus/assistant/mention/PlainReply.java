package dev.colossus.assistant.mention;

import dev.colossus.social.text.PostText;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns a model's answer into the text of a post: plain text without markdown, within the post length limit. */
final class PlainReply {

    private static final Pattern FENCE = Pattern.compile("(?m)^\\s*```.*$\\n?");
    private static final Pattern HEADING = Pattern.compile("(?m)^\\s{0,3}#{1,6}\\s+");
    private static final Pattern QUOTE = Pattern.compile("(?m)^\\s{0,3}>\\s?");
    private static final Pattern BULLET = Pattern.compile("(?m)^(\\s*)[*+]\\s+");
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)");
    private static final Pattern BOLD = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern STAR = Pattern.compile("(?<![\\p{L}\\p{N}*])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![\\p{L}\\p{N}*])");
    private static final Pattern UNDERSCORE = Pattern.compile("(?<![\\p{L}\\p{N}_])_(?=\\S)(.+?)(?<=\\S)_(?![\\p{L}\\p{N}_])");
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern CITATION = Pattern.compile("\\s*\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*]");
    /** An @handle, so that a reply never mentions (and notifies) anyone but the asker. */
    private static final Pattern HANDLE = Pattern.compile("(?<![\\p{L}\\p{N}_])@(?=[A-Za-z0-9_])");

    private PlainReply() {
    }

    /**
     * The text without markdown (fences, headings, quotes, emphasis, code marks, rules; links as "text (url)";
     * bullets as "- "), without {@code [n]} citation markers and without {@code @} before handles.
     */
    static String plain(String markdown) {
        String s = markdown.replace("\r\n", "\n");
        s = FENCE.matcher(s).replaceAll("");
        s = RULE.matcher(s).replaceAll("");
        s = HEADING.matcher(s).replaceAll("");
        s = QUOTE.matcher(s).replaceAll("");
        s = BULLET.matcher(s).replaceAll("$1- ");
        s = IMAGE.matcher(s).replaceAll("$1");
        s = LINK.matcher(s).replaceAll("$1 ($2)");
        s = BOLD.matcher(s).replaceAll("$2");
        s = STAR.matcher(s).replaceAll("$1");
        s = UNDERSCORE.matcher(s).replaceAll("$1");
        s = CODE.matcher(s).replaceAll("$1");
        s = CITATION.matcher(s).replaceAll("");
        s = HANDLE.matcher(s).replaceAll("");
        s = s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").replaceAll("[ \\t]{2,}", " ");
        return s.strip();
    }

    /**
     * A post of at most {@code maxChars} (as {@link PostText#length} counts): {@code prefix}, then {@code body}
     * shortened at a word boundary with "…" when needed, then the {@code links} on their own lines. Links are dropped
     * from the end rather than leave the body under 80 characters.
     */
    static String fit(String prefix, String body, List<String> links, int maxChars) {
        List<String> kept = new ArrayList<>(links);
        while (true) {
            String tail = kept.isEmpty() ? "" : "\n\n" + String.join("\n", kept);
            int budget = maxChars - PostText.length(prefix) - PostText.length(tail);
            if (budget >= 80 || kept.isEmpty()) return prefix + shorten(body, Math.max(1, budget)) + tail;
            kept.removeLast();
        }
    }

    /** The text cut to at most {@code budget} counted characters, ending at a space with "…" when it was cut. */
    private static String shorten(String text, int budget) {
        if (PostText.length(text) <= budget) return text;
        int[] points = text.codePoints().toArray();
        int lo = 0, hi = points.length;
        while (lo < hi) { // the longest prefix that fits with the ellipsis
            int mid = (lo + hi + 1) >>> 1;
            if (PostText.length(new String(points, 0, mid) + "…") <= budget) lo = mid;
            else hi = mid - 1;
        }
        String cut = new String(points, 0, lo);
        int space = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
        if (space > cut.length() / 2) cut = cut.substring(0, space);
        return cut.stripTrailing() + "…";
    }
}
