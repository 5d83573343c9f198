package dev.colossus.assistant;

import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.LocalBackend;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SearchParameters;
import dev.colossus.assistant.grounding.Grounding;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.engine.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fitting conversations into the real stories260K model, its window cut to 1024 tokens to make it easy to fill. */
class ContextWindowTest {

    private static final int CONTEXT = 1024;
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static LocalBackend model;

    @BeforeAll
    static void load() throws Exception {
        model = LocalBackend.load(Fixtures.dir("models").resolve("stories260K.gguf"),
                Engine.Options.defaults().withThreads(2).withContextLength(CONTEXT));
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    /** {@code turns} question-answer pairs, then the question "What was the last thing?". */
    private static List<ChatMessage> conversation(int turns) {
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 1; i <= turns; i++) {
            messages.add(ChatMessage.user("Question number " + i + ": tell me about the little dog."));
            messages.add(ChatMessage.assistant("Answer number " + i + ": the little dog ran to the park."));
        }
        messages.add(ChatMessage.user("What was the last thing?"));
        return messages;
    }

    private static ContextWindow.Fit fit(List<ChatMessage> conversation, List<SourcePost> sources) {
        return ContextWindow.fit(model, new ContextWindow.Parts("You are a helpful assistant.", conversation, Grounding.of(sources),
                false, NOW), 6144, 200);
    }

    @Test
    void aShortConversationIsSentWhole() {
        ContextWindow.Fit fit = fit(conversation(2), List.of());
        assertThat(fit.droppedTurns()).isZero();
        assertThat(fit.messages()).hasSize(6);
        assertThat(fit.promptTokens()).isEqualTo(model.countTokens(fit.messages()));
        assertThat(fit.maxTokens()).isEqualTo(200);
    }

    @Test
    void aLongConversationLosesItsOldestTurnsWithANoteAndFitsBesideTheAnswer() {
        ContextWindow.Fit fit = fit(conversation(40), List.of());
        assertThat(model.countTokens(conversation(40))).isGreaterThan(CONTEXT * 2);
        assertThat(fit.droppedTurns()).isBetween(1, 39);
        List<ChatMessage> sent = fit.messages();
        assertThat(sent.getLast().content()).isEqualTo("What was the last thing?");
        // Whole turns go, oldest first: the kept history starts with a user question and ends with turn 40's answer.
        assertThat(sent.get(1).content()).startsWith("Question number " + (fit.droppedTurns() + 1) + ":");
        assertThat(sent.get(sent.size() - 2).content()).startsWith("Answer number 40:");
        assertThat(sent.getFirst().content()).contains("Earlier turns of this conversation were left out")
                .contains("Question number " + fit.droppedTurns() + ":")
                .doesNotContain("Question number " + (fit.droppedTurns() - 3) + ":");
        assertThat(fit.promptTokens()).isEqualTo(model.countTokens(sent)).isLessThanOrEqualTo(CONTEXT - 200);
        // The fewest turns went: the room left is less than one turn (and the note's change) takes.
        int turn = model.countTokens(conversation(41)) - model.countTokens(conversation(40));
        assertThat(fit.promptTokens()).isGreaterThan(CONTEXT - 200 - 2 * turn);
    }

    @Test
    void clientSystemMessagesStayWhenOldTurnsGo() {
        List<ChatMessage> conversation = new ArrayList<>(conversation(40));
        conversation.add(1, ChatMessage.system("Always answer in French."));
        ContextWindow.Fit fit = fit(conversation, List.of());
        assertThat(fit.droppedTurns()).isPositive();
        assertThat(fit.messages()).extracting(ChatMessage::content).contains("Always answer in French.");
    }

    @Test
    void theLeastRelevantSourcesGoWhenNoTurnIsLeftToDrop() {
        List<SourcePost> sources = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            sources.add(new SourcePost(Integer.toString(i), "user" + i, "Post number " + i + " says the dog is brown "
                    + "and likes to play with a red ball in the garden.", NOW, i, 0, "http://x/@user" + i + "/" + i));
        }
        ContextWindow.Fit fit = fit(List.of(ChatMessage.user("What about the dog?")), sources);
        assertThat(fit.sources()).isNotEmpty().hasSizeLessThan(12);
        assertThat(fit.sources()).isEqualTo(sources.subList(0, fit.sources().size()));
        assertThat(fit.messages().getLast().content()).contains("Post number 1 says")
                .doesNotContain("Post number 12 says").endsWith("What about the dog?");
        assertThat(fit.promptTokens()).isLessThanOrEqualTo(CONTEXT - 200);
    }

    @Test
    void aQuestionLongerThanTheWindowIsCutInsteadOfFailing() {
        String question = "Why is the sky blue? " + "The little dog ran to the park and back again. ".repeat(200);
        ContextWindow.Fit fit = fit(List.of(ChatMessage.user(question)), List.of());
        String sent = fit.messages().getLast().content();
        assertThat(sent).startsWith("Why is the sky blue? The little dog").endsWith("…");
        assertThat(sent.length()).isLessThan(question.length());
        assertThat(fit.promptTokens()).isLessThanOrEqualTo(CONTEXT - 200);
    }

    @Test
    void theAnswerTakesAtMostHalfTheWindowAndUsesWhatThePromptLeaves() {
        ContextWindow.Fit fit = ContextWindow.fit(model, new ContextWindow.Parts("Be brief.",
                List.of(ChatMessage.user("Hi")), Grounding.NONE, false, NOW), 6144, 5000);
        assertThat(fit.maxTokens()).isEqualTo(CONTEXT - fit.promptTokens()).isGreaterThan(CONTEXT / 2);
    }

    @Test
    void theAssistantAnswersAVeryLongConversationWithinTheWindow() {
        Assistant assistant = new Assistant(Identity.DEFAULT, model, PostSearch.NONE,
                new Limits(6144, 64, Duration.ofSeconds(60)), Clock.systemUTC());
        Question question = new Question(Persona.FUN, conversation(60), SearchParameters.defaults(SearchMode.AUTO),
                0.0, null, null, List.of(), 1L);
        Answer answer = assistant.answer(question, piece -> { }, new Cancellation());
        assertThat(answer.usage().completionTokens()).isBetween(1, 64);
        assertThat(answer.usage().promptTokens()).isLessThan(CONTEXT - 64 + 1);
    }
}
