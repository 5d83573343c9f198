package dev.colossus.assistant.digest;

import dev.colossus.assistant.grounding.Citation;

import java.util.List;

/**
 * A short text about some posts, with the posts it cites.
 *
 * @param text       markdown; {@code [n]} markers number the citations
 * @param citations  the cited posts, each with its marker number
 * @param extractive true when no model is loaded and the text quotes the posts instead
 */
public record Brief(String text, List<Citation> citations, boolean extractive) {

    public Brief {
        citations = List.copyOf(citations);
    }
}
