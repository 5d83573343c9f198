package dev.colossus.assistant;

import dev.colossus.assistant.backend.Usage;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.studio.ShelvedMedia;

import dev.colossus.engine.FinishReason;
import java.util.List;

/**
 * The assistant's answer.
 *
 * @param text       the answer, with {@code [n]} markers
 * @param citations  the sources the answer cites, in order of first citation (empty when citations are off)
 * @param sources    every post the answer was given
 * @param usage      tokens the model used (zero for an extractive answer)
 * @param finish     why the answer ended
 * @param extractive true when no model was configured and the answer was made from the posts themselves
 * @param media      what the answer made and links to (a picture, a tune, a clip); empty for a written answer
 */
public record Answer(String text, List<Citation> citations, List<SourcePost> sources, Usage usage,
                     FinishReason finish, boolean extractive, List<ShelvedMedia> media) {

    public Answer {
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** A written answer, without media. */
    public Answer(String text, List<Citation> citations, List<SourcePost> sources, Usage usage, FinishReason finish,
                  boolean extractive) {
        this(text, citations, sources, usage, finish, extractive, List.of());
    }
}
