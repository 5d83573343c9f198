package dev.colossus.social.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entities in a post's text, found the way Mastodon finds them: links ({@code http(s)://...}), local mentions
 * ({@code @user}) and hashtags ({@code #tag}, at least one letter). Stateless and thread-safe.
 */
public final class PostText {

    /** Mastodon counts every link as this many characters, whatever its length. */
    public static final int URL_LENGTH = 23;

    // The '@' and '#' come before their look-behinds (which then span them) so that most positions fail on one
    // character compare instead of a Unicode class test: the same matches, over twice as fast.
    private static final Pattern ENTITY = Pattern.compile(
            "(?<url>https?://[^\\s<>\"]+)"
                    + "|@(?<![\\p{L}\\p{N}_/\\\\@]@)(?<mention>[A-Za-z0-9_]+(?:[A-Za-z0-9_.-]+[A-Za-z0-9_])?)(?<domain>@[\\w.-]+\\w)?"
                    + "|#(?<![\\p{L}\\p{N}_/)#&]#)(?<tag>[\\p{L}\\p{M}\\p{N}_]*\\p{L}[\\p{L}\\p{M}\\p{N}_]*)");
    private static final int MAX_TAG_LENGTH = 100;

    /** A run of the text: plain text, a link, a mention or a hashtag. {@code raw} is the exact source text. */
    public sealed interface Segment {
        String raw();
    }

    public record Plain(String raw) implements Segment {
    }

    public record Link(String raw) implements Segment {
    }

    /** {@code username} without the '@', as written. */
    public record Mention(String raw, String username) implements Segment {
    }

    /** {@code name} without the '#', as written. */
    public record Hashtag(String raw, String name) implements Segment {
    }

    private PostText() {
    }

    /** Splits text into segments whose {@code raw} parts concatenate back to the text. */
    public static List<Segment> parse(String text) {
        // Every entity has an '@', a '#' or a "://": text without them is one plain run, found without the regex.
        if (text.indexOf('@') < 0 && text.indexOf('#') < 0 && !text.contains("://")) {
            return text.isEmpty() ? List.of() : List.of(new Plain(text));
        }
        List<Segment> out = new ArrayList<>();
        Matcher m = ENTITY.matcher(text).useTransparentBounds(true);
        int plainFrom = 0;
        while (m.find()) {
            Segment entity = entityAt(m);
            if (entity == null) continue;
            int end = m.start() + entity.raw().length();
            if (m.start() > plainFrom) out.add(new Plain(text.substring(plainFrom, m.start())));
            out.add(entity);
            plainFrom = end;
            if (end < m.end()) m.region(end, text.length());
        }
        if (plainFrom < text.length()) out.add(new Plain(text.substring(plainFrom)));
        return out;
    }

    private static Segment entityAt(Matcher m) {
        if (m.group("url") != null) {
            String url = trimTrailingPunctuation(m.group("url"));
            return url.length() > "https://".length() ? new Link(url) : null;
        }
        if (m.group("mention") != null) {
            if (m.group("domain") != null) return null; // remote accounts are not known here
            return new Mention(m.group(), m.group("mention"));
        }
        String tag = m.group("tag");
        return tag.length() <= MAX_TAG_LENGTH ? new Hashtag(m.group(), tag) : null;
    }

    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?'\")]}".indexOf(url.charAt(end - 1)) >= 0) {
            char c = url.charAt(end - 1);
            // Keep a closing parenthesis that balances one inside the link (Wikipedia-style URLs).
            if (c == ')' && count(url, '(', end) > count(url, ')', end - 1)) break;
            end--;
        }
        return url.substring(0, end);
    }

    private static int count(String s, char c, int until) {
        int n = 0;
        for (int i = 0; i < until; i++) if (s.charAt(i) == c) n++;
        return n;
    }

    /** The length Mastodon charges for: Unicode code points, each link counting {@value URL_LENGTH}. */
    public static int length(String text) {
        // Only links count differently from code points; skipping the parse matters to bulk imports.
        if (!text.contains("://")) return text.codePointCount(0, text.length());
        int n = 0;
        for (Segment s : parse(text)) {
            n += s instanceof Link ? URL_LENGTH : s.raw().codePointCount(0, s.raw().length());
        }
        return n;
    }

    /** Usernames mentioned, lower-cased, in order of first appearance, without duplicates. */
    public static Set<String> mentions(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text.indexOf('@') < 0) return out;
        for (Segment s : parse(text)) if (s instanceof Mention m) out.add(m.username().toLowerCase(Locale.ROOT));
        return out;
    }

    /** Hashtag names, lower-cased, in order of first appearance, without duplicates. */
    public static Set<String> hashtags(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text.indexOf('#') < 0) return out;
        for (Segment s : parse(text)) if (s instanceof Hashtag h) out.add(normalizeTag(h.name()));
        return out;
    }

    /** The canonical (stored, looked-up) form of a hashtag name. */
    public static String normalizeTag(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
