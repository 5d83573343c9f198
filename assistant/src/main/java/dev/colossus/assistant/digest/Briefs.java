package dev.colossus.assistant.digest;

import dev.colossus.assistant.Answer;
import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.grounding.Citations;
import dev.colossus.assistant.grounding.Grounding;
import dev.colossus.assistant.grounding.Links;
import dev.colossus.assistant.grounding.PostExcerpt;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SearchParameters;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Persona;

import java.util.List;

/** Writes {@link Brief}s: by the model when one is loaded, else as quoted bullets. */
final class Briefs {

    private static final int EXCERPT = 160;

    private Briefs() {
    }

    /**
     * A brief on {@code posts}: the model follows {@code instruction} with the posts as sources numbered from [1]
     * (when it cites none, every post is listed as a citation); without a model, {@code intro} and one bullet per
     * post, each cited by its number.
     *
     * @throws GenerationQueue.Busy when the model has no turn free
     * @throws dev.colossus.assistant.backend.BackendException when the model fails
     */
    static Brief write(Assistant assistant, GenerationQueue turns, Persona persona, String instruction,
                       List<SourcePost> posts, String intro) throws InterruptedException {
        if (assistant.backend().isEmpty()) return bullets(posts, intro);
        Question question = Question.simple(persona, instruction, SearchParameters.defaults(SearchMode.AUTO));
        Answer answer;
        try (GenerationQueue.Turn turn = turns.enter()) {
            answer = assistant.answer(question, Grounding.of(posts), TokenSink.IGNORE, new Cancellation());
        }
        // Shown as the assistant's words: links only to the posts themselves, never one a post carried. A model that
        // cites nothing still wrote from these posts: the answer's citations then list them all.
        return new Brief(Links.only(answer.text(), posts.stream().map(SourcePost::url).toList()), answer.citations(), false);
    }

    private static Brief bullets(List<SourcePost> posts, String intro) {
        StringBuilder text = new StringBuilder(intro);
        for (int i = 0; i < posts.size(); i++) {
            SourcePost p = posts.get(i);
            text.append("\n- ").append(PostExcerpt.attributed(p.handle(), p.text(), EXCERPT)).append(" [").append(i + 1).append(']');
        }
        return new Brief(text.toString(), Citations.all(posts), true);
    }
}
