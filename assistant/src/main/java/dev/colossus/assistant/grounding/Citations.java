package dev.colossus.assistant.grounding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code [n]} markers in an answer and maps them to the numbered sources it was given. */
public final class Citations {

    /** {@code [1]}, {@code [1, 3]}, {@code [2][4]} (each bracket may hold a comma-separated list). */
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");

    private Citations() {
    }

    /**
     * The cited sources in order of first citation, each once. Numbers outside {@code 1..sources.size()} (a model
     * inventing a source) are ignored.
     */
    public static List<Citation> extract(String answer, List<SourcePost> sources) {
        Set<Integer> numbers = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(answer);
        while (m.find()) {
            for (String n : m.group(1).split(",")) {
                int number = Integer.parseInt(n.strip());
                if (number >= 1 && number <= sources.size()) numbers.add(number);
            }
        }
        List<Citation> citations = new ArrayList<>();
        for (int n : numbers) citations.add(of(n, sources.get(n - 1)));
        return citations;
    }

    public static Citation of(int number, SourcePost post) {
        return new Citation(number, post.id(), post.handle(), post.url());
    }
}
