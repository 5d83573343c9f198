package dev.colossus.assistant.grounding;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links in text the assistant writes. An answer links a post only by the post's own URL: a link a post carries
 * (perhaps to a phishing page) is never repeated in the assistant's own words.
 */
public final class Links {

    /** What replaces a link that is left out. */
    public static final String REMOVED = "(link removed)";

    /** A markdown link or image: {@code [text](target)} or {@code ![alt](target)}. */
    private static final Pattern MARKDOWN = Pattern.compile("!?\\[([^\\]\\n]*)]\\(([^)\\s]*)(?:\\s+\"[^\"]*\")?\\)");
    /** A URL with a scheme, a {@code www.} address, or a bare domain followed by a path. */
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:[a-z][a-z0-9+.-]*://|www\\.|mailto:)[^\\s<>\"]+"
                    + "|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}/[^\\s<>\"]*");

    private Links() {
    }

    /** The text with every link left out: a markdown link keeps its text, any other link becomes {@link #REMOVED}. */
    public static String removed(String text) {
        return only(text, Set.of());
    }

    /**
     * The text keeping only links to {@code allowed} URLs (exactly, ignoring punctuation that ends a sentence):
     * another markdown link keeps its text, any other link becomes {@link #REMOVED}.
     */
    public static String only(String text, Collection<String> allowed) {
        Matcher md = MARKDOWN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (md.find()) {
            String replacement = allowed.contains(md.group(2)) ? md.group() : md.group(1);
            md.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        md.appendTail(out);
        Matcher url = URL.matcher(out.toString());
        StringBuilder result = new StringBuilder();
        while (url.find()) {
            String link = url.group();
            String trailing = "";
            while (!link.isEmpty() && ".,;:!?)]'".indexOf(link.charAt(link.length() - 1)) >= 0) {
                trailing = link.charAt(link.length() - 1) + trailing;
                link = link.substring(0, link.length() - 1);
            }
            String kept = allowed.contains(link) ? link : REMOVED;
            url.appendReplacement(result, Matcher.quoteReplacement(kept + trailing));
        }
        url.appendTail(result);
        return result.toString();
    }
}
