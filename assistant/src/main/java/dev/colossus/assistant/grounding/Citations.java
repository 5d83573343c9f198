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

    /**
     * As {@link #extract}, but an answer that cites nothing (small models rarely write markers) still rests on the
     * sources it was given: then all of them, numbered from 1, as xAI's API lists the sources it searched.
     */
    public static List<Citation> extractOrGiven(String answer, List<SourcePost> sources) {
        List<Citation> cited = extract(answer, sources);
        return cited.isEmpty() ? all(sources) : cited;
    }

    /** Every source, numbered from 1 in the given order. */
    public static List<Citation> all(List<SourcePost> sources) {
        List<Citation> all = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) all.add(of(i + 1, sources.get(i)));
        return all;
    }

    public static Citation of(int number, SourcePost post) {
        return new Citation(number, post.id(), post.handle(), post.url());
    }
}
