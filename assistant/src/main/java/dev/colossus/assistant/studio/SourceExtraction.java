package dev.colossus.assistant.studio;

import dev.colossus.studio.SourceException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the source in a model's answer: the fenced code block that holds it (the one tagged with the kind's language,
 * else the first that looks like it), else the source written out without a fence (an {@code <svg>} element, or ABC
 * notation from its {@code X:} line). Stateless.
 */
public final class SourceExtraction {

    private static final Pattern FENCE = Pattern.compile("```([\\w+-]*)[^\\n]*\\n(.*?)(?:```|\\z)", Pattern.DOTALL);
    private static final Pattern ABC_START = Pattern.compile("(?m)^X:\\s*\\d+\\s*$");
    private static final Pattern ABC_KEY = Pattern.compile("(?m)^K:");

    private SourceExtraction() {
    }

    /**
     * The source in {@code answer}.
     *
     * @throws SourceException saying what was expected when the answer holds none (the message is shown to the model)
     */
    public static String extract(MediaKind kind, String answer) throws SourceException {
        List<String> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(answer);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(kind.fence())) return m.group(2).strip();
            blocks.add(m.group(2));
        }
        for (String block : blocks) {
            String found = unfenced(kind, block);
            if (found != null) return found;
        }
        String found = unfenced(kind, answer);
        if (found != null) return found;
        throw new SourceException(kind == MediaKind.MUSIC
                ? "the answer holds no ABC notation: write a tune starting with X:1 and a K: line in a ```abc block"
                : "the answer holds no SVG: write one <svg> element in a ```svg block");
    }

    /** The source written out in {@code text} without a fence, or null. */
    private static String unfenced(MediaKind kind, String text) {
        if (kind == MediaKind.MUSIC) {
            Matcher start = ABC_START.matcher(text);
            if (start.find()) return text.substring(start.start()).strip();
            return ABC_KEY.matcher(text).find() ? text.strip() : null;
        }
        int start = text.indexOf("<svg");
        int end = text.lastIndexOf("</svg>");
        if (start < 0) return null;
        // A cut-off element is still returned: the renderer's error then tells the model what is wrong with it.
        return end > start ? text.substring(start, end + "</svg>".length()) : text.substring(start).strip();
    }
}
