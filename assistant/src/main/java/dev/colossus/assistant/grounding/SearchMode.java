package dev.colossus.assistant.grounding;

import java.util.Locale;

/** xAI's {@code search_parameters.mode}. */
public enum SearchMode {
    /** Never search. */
    OFF,
    /** Search, and use the posts found when there are any (the default for the assistant models). */
    AUTO,
    /** Always search; say so when nothing was found. */
    ON;

    public static SearchMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("search_parameters.mode must be off, auto or on, got '" + text + "'");
        }
    }
}
