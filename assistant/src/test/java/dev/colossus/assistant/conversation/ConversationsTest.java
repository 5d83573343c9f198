package dev.colossus.assistant.conversation;

import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.Limits;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SearchParameters;
import dev.colossus.assistant.grounding.SourcePost;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.persona.Personas;
import dev.colossus.assistant.store.AssistantDatabase;
import dev.colossus.assistant.store.ConversationStore;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Social;
import dev.colossus.social.Storage;
import dev.colossus.social.stream.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversations stored in a real SQLite database, answered extractively (no model) from two fixed posts. */
class ConversationsTest {

    private static final List<SourcePost> POSTS = List.of(
            new SourcePost("11", "alice", "The launch is today", Instant.parse("2026-11-28T10:00:00Z"), 5, 0, "http://x/@alice/11"),
            new SourcePost("12", "bob", "Launch delayed by weather?", Instant.parse("2026-11-28T11:00:00Z"), 2, 1, "http://x/@bob/12"));

    @TempDir
    Path dir;
    private Social social;
    private AssistantDatabase store;
    private Conversations conversations;

    private Conversations open() {
        social = Social.open(Storage.sqlite(dir), new EventBus(), 500);
        store = AssistantDatabase.open(Storage.sqlite(dir));
        Assistant assistant = new Assistant(Identity.DEFAULT, null, q -> POSTS, Limits.DEFAULT, Clock.systemUTC());
        return new Conversations(new ConversationStore(store, social::newId, Clock.systemUTC()), assistant,
                Personas.builtin());
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
        if (social != null) social.close();
    }

    private static Question ask(Persona persona, String text) {
        return Question.simple(persona, text, SearchParameters.defaults(SearchMode.AUTO));
    }

    @Test
    void aTurnIsStoredWithItsCitationsAndSurvivesAReopen() {
        conversations = open();
        Conversation c = conversations.start(7, Persona.REGULAR);
        Conversations.Reply reply = conversations.reply(c, ask(Persona.FUN, "  What about the launch?\n"),
                piece -> { }, new Cancellation());
        assertThat(reply.stored()).isTrue();
        store.close();
        social.close();

        conversations = open();
        Conversation again = conversations.find(7, c.id()).orElseThrow();
        assertThat(again.persona()).isEqualTo("fun");
        assertThat(again.title()).isEqualTo("What about the launch?");
        List<StoredMessage> messages = conversations.messages(again, 100);
        assertThat(messages).extracting(StoredMessage::role).containsExactly("user", "assistant");
        assertThat(messages.get(1).content()).isEqualTo(reply.answer().content()).contains("[1] @alice");
        assertThat(messages.get(1).citations()).containsExactly(
                new Citation(1, "11", "alice", "http://x/@alice/11"), new Citation(2, "12", "bob", "http://x/@bob/12"));
    }

    @Test
    void aSecondQuestionToTheSameConversationWaitsForTheFirstAndIsStoredAfterIt() throws Exception {
        CountDownLatch firstSearching = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger searches = new AtomicInteger();
        social = Social.open(Storage.sqlite(dir), new EventBus(), 500);
        store = AssistantDatabase.open(Storage.sqlite(dir));
        Assistant assistant = new Assistant(Identity.DEFAULT, null, q -> {
            if (searches.getAndIncrement() == 0) {
                firstSearching.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return POSTS;
        }, Limits.DEFAULT, Clock.systemUTC());
        conversations = new Conversations(new ConversationStore(store, social::newId, Clock.systemUTC()),
                assistant, Personas.builtin());
        Conversation c = conversations.start(7, Persona.REGULAR);
        Conversation other = conversations.start(7, Persona.REGULAR);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                firstThenSecond(c, other, pool, firstSearching, releaseFirst);
            } finally {
                releaseFirst.countDown(); // never leave the first question blocked, even when an assertion fails
            }
        }
        assertThat(conversations.messages(c, 100)).extracting(StoredMessage::content).first().isEqualTo("first question");
        assertThat(conversations.messages(c, 100)).extracting(StoredMessage::role)
                .containsExactly("user", "assistant", "user", "assistant");
        assertThat(conversations.messages(c, 100).get(2).content()).isEqualTo("second question");
    }

    private void firstThenSecond(Conversation c, Conversation other, ExecutorService pool,
                                 CountDownLatch firstSearching,
                                 CountDownLatch releaseFirst) throws Exception {
        Future<Conversations.Reply> first = pool.submit(() -> conversations.reply(c, ask(Persona.REGULAR,
                "first question"), piece -> { }, new Cancellation()));
        assertThat(firstSearching.await(30, TimeUnit.SECONDS)).isTrue();
        Future<Conversations.Reply> second = pool.submit(() -> conversations.reply(c, ask(Persona.REGULAR,
                "second question"), piece -> { }, new Cancellation()));
        // another conversation is not held up
        assertThat(conversations.reply(other, ask(Persona.REGULAR, "elsewhere"), piece -> { }, new Cancellation())
                .stored()).isTrue();
        Thread.sleep(300);
        assertThat(second.isDone()).as("the second question waits for the first").isFalse();
        releaseFirst.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).stored()).isTrue();
        assertThat(second.get(30, TimeUnit.SECONDS).stored()).isTrue();
    }

    @Test
    void theNewestMessagesAreReadOldestFirst() {
        conversations = open();
        Conversation c = conversations.start(7, Persona.REGULAR);
        for (int i = 1; i <= 3; i++) conversations.reply(c, ask(Persona.REGULAR, "question " + i), p -> { }, new Cancellation());
        List<StoredMessage> last = conversations.messages(c, 3);
        assertThat(last).extracting(StoredMessage::role).containsExactly("assistant", "user", "assistant");
        assertThat(last.get(1).content()).isEqualTo("question 3");
        assertThat(last.get(0).id()).isLessThan(last.get(1).id());
    }

    @Test
    void anotherAccountNeitherFindsNorDeletesAConversation() {
        conversations = open();
        Conversation c = conversations.start(7, Persona.REGULAR);
        assertThat(conversations.find(8, c.id())).isEmpty();
        assertThat(conversations.delete(8, c.id())).isFalse();
        assertThat(conversations.list(8, PageRequest.first(20)).items()).isEmpty();
        assertThat(conversations.list(7, PageRequest.first(20)).items()).containsExactly(c);
        assertThat(conversations.delete(7, c.id())).isTrue();
        assertThat(conversations.find(7, c.id())).isEmpty();
    }

    @Test
    void aTurnAnsweredAfterItsConversationWasDeletedIsNotStored() {
        conversations = open();
        Conversation c = conversations.start(7, Persona.REGULAR);
        conversations.delete(7, c.id());
        Conversations.Reply reply = conversations.reply(c, ask(Persona.REGULAR, "hello?"), p -> { }, new Cancellation());
        assertThat(reply.stored()).isFalse();
        assertThat(conversations.messages(c, 10)).isEmpty();
    }
}
