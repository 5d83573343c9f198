package dev.colossus.assistant.store;

import dev.colossus.assistant.conversation.Conversation;
import dev.colossus.assistant.conversation.StoredMessage;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Social;
import dev.colossus.social.Storage;
import dev.colossus.social.service.PostService;
import dev.colossus.social.stream.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assistant's store (mention log, conversations) beside a real network, reopened as a restart would; run on
 * SQLite and on PostgreSQL by the subclasses.
 */
abstract class AssistantStoreContract {

    private Social social;
    private AssistantDatabase db;

    /** Where the network and the assistant keep their data; the same on every call of one test. */
    abstract Storage storage();

    private void open() {
        closeAll();
        social = Social.open(storage(), new EventBus(), 500);
        db = AssistantDatabase.open(storage());
    }

    @AfterEach
    void closeAll() {
        if (db != null) db.close();
        if (social != null) social.close();
        db = null;
        social = null;
    }

    private long mention(long author, String text) {
        return social.posts().create(author, null, new PostService.NewPost(text, null, null, null, false, null), null).id();
    }

    private List<Long> unanswered(long bot) {
        return new MentionLog(db).unanswered(social.posts().mentioning(bot, Instant.EPOCH, 100), 10);
    }

    @Test
    void aPostIsTakenUpOnceAndAPendingOneOnlyWhenResumingAfterARestart() {
        open();
        long bot = social.accounts().ensure("colossus", null, true).id();
        long ann = social.accounts().ensure("ann", null, false).id();
        long answered = mention(ann, "@colossus first");
        long interrupted = mention(ann, "@colossus second");
        long never = mention(ann, "@colossus third");
        mention(ann, "no mention here");
        MentionLog log = new MentionLog(db);
        assertThat(log.claim(answered, ann, 10, 0, 1000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        log.replied(answered, 42);
        assertThat(log.claim(interrupted, ann, 10, 0, 1000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        assertThat(log.claim(answered, ann, 10, 0, 1000, true)).isEqualTo(MentionLog.Claim.DONE);
        assertThat(log.claim(interrupted, ann, 10, 0, 1000, false)).isEqualTo(MentionLog.Claim.DONE);

        open();
        MentionLog reopened = new MentionLog(db);
        assertThat(unanswered(bot)).containsExactly(interrupted, never);
        assertThat(reopened.unanswered(social.posts().mentioning(bot, Instant.EPOCH, 100), 1)).containsExactly(interrupted);
        assertThat(reopened.claim(interrupted, ann, 10, 0, 2000, true)).isEqualTo(MentionLog.Claim.ANSWER);
        assertThat(reopened.claim(answered, ann, 10, 0, 2000, true)).isEqualTo(MentionLog.Claim.DONE);
    }

    @Test
    void theLimitCountsRepliesInTheWindowAndALimitedPostStaysUnanswered() {
        open();
        long bot = social.accounts().ensure("colossus", null, true).id();
        long ann = social.accounts().ensure("ann", null, false).id();
        MentionLog log = new MentionLog(db);
        long old = mention(ann, "@colossus long ago");
        assertThat(log.claim(old, ann, 2, 0, 1_000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        log.replied(old, 1);
        long a = mention(ann, "@colossus a"), b = mention(ann, "@colossus b"), c = mention(ann, "@colossus c");
        // The window starts at 5000: the reply at 1000 no longer counts.
        assertThat(log.claim(a, ann, 2, 5_000, 9_000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        assertThat(log.claim(b, ann, 2, 5_000, 9_000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        assertThat(log.claim(c, ann, 2, 5_000, 9_000, false)).isEqualTo(MentionLog.Claim.LIMITED);
        assertThat(unanswered(bot)).containsExactly(a, b).doesNotContain(c);
    }

    @Test
    void conversationsSurviveAReopenArePagedNewestFirstAndStayWithTheirOwner() {
        open();
        ConversationStore store = new ConversationStore(db, social::newId, Clock.systemUTC());
        Conversation first = store.create(7, "regular");
        Conversation second = store.create(7, "fun");
        Conversation third = store.create(7, "regular");
        store.create(8, "regular");
        StoredMessage q = store.newMessage("user", "what is new?", List.of());
        StoredMessage a = store.newMessage("assistant", "A launch [1].",
                List.of(new Citation(1, "11", "alice", "http://x/@alice/11")));
        assertThat(store.append(second, "fun", "what is new?", new ConversationStore.Turn(q, a))).isTrue();

        open();
        store = new ConversationStore(db, social::newId, Clock.systemUTC());
        Page<Conversation> page = store.list(7, PageRequest.of(null, null, null, 2));
        assertThat(page.items()).extracting(Conversation::id).containsExactly(third.id(), second.id());
        assertThat(store.list(7, PageRequest.of(page.nextMaxId(), null, null, 2)).items())
                .extracting(Conversation::id).containsExactly(first.id());
        assertThat(store.list(7, PageRequest.of(null, null, first.id(), 1)).items())
                .extracting(Conversation::id).containsExactly(second.id());
        Conversation stored = store.find(7, second.id()).orElseThrow();
        assertThat(stored.title()).isEqualTo("what is new?");
        assertThat(store.messages(second.id(), 10)).extracting(StoredMessage::content)
                .containsExactly("what is new?", "A launch [1].");
        assertThat(store.messages(second.id(), 10).getLast().citations()).extracting(Citation::url)
                .containsExactly("http://x/@alice/11");
        assertThat(store.find(8, second.id())).isEmpty();
        assertThat(store.delete(8, second.id())).isFalse();
        assertThat(store.delete(7, second.id())).isTrue();
        assertThat(store.find(7, second.id())).isEmpty();
        assertThat(store.messages(second.id(), 10)).isEmpty();
    }
}
