package dev.colossus.social.demo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills templates and finds the hashtags in a text. */
final class DemoTexts {

    private static final Pattern HASHTAG = Pattern.compile("#(\\p{L}[\\p{L}\\p{N}_]*)");

    private DemoTexts() {
    }

    /** The template with every {@code {slot}} replaced by a random value of that slot. */
    static String fill(String template, Random rng) {
        int open = template.indexOf('{');
        if (open < 0) return template;
        StringBuilder out = new StringBuilder(template.length() + 32);
        int from = 0;
        while (open >= 0) {
            int close = template.indexOf('}', open);
            List<String> values = DemoContent.SLOTS.get(template.substring(open + 1, close));
            if (values == null) throw new IllegalStateException("unknown slot in " + template);
            out.append(template, from, open).append(pick(values, rng));
            from = close + 1;
            open = template.indexOf('{', from);
        }
        return out.append(template, from, template.length()).toString();
    }

    /** Hashtags in the text, lower case, without {@code #}, in order of appearance. */
    static List<String> tags(String text) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = HASHTAG.matcher(text);
        while (m.find()) tags.add(m.group(1).toLowerCase(Locale.ROOT));
        return new ArrayList<>(tags);
    }

    static <T> T pick(List<T> values, Random rng) {
        return values.get(rng.nextInt(values.size()));
    }
}
