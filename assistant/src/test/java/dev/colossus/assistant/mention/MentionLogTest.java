package dev.colossus.assistant.mention;

import dev.colossus.social.Social;
import dev.colossus.social.service.PostService;
import dev.colossus.social.store.Database;
import dev.colossus.social.stream.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The answered-once log over a real SQLite store, reopened as a restart would. */
class MentionLogTest {

    @TempDir
    Path dir;
    private Social social;

    private Social open() {
        social = Social.over(Database.sqlite(dir), new EventBus(), 500);
        return social;
    }

    @AfterEach
    void close() {
        if (social != null) social.close();
    }

    private long mention(Social s, long author, String text) {
        return s.posts().create(author, null, new PostService.NewPost(text, null, null, null, false, null), null).id();
    }

    @Test
    void aPostIsTakenUpOnceAndAPendingOneOnlyWhenResumingAfterARestart() {
        Social s = open();
        long bot = s.accounts().ensure("colossus", null, true).id();
        long ann = s.accounts().ensure("ann", null, false).id();
        long answered = mention(s, ann, "@colossus first");
        long interrupted = mention(s, ann, "@colossus second");
        long never = mention(s, ann, "@colossus third");
        MentionLog log = new MentionLog(s.db());
        assertThat(log.claim(answered, ann, 10, 0, 1000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        log.replied(answered, 42);
        assertThat(log.claim(interrupted, ann, 10, 0, 1000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        assertThat(log.claim(answered, ann, 10, 0, 1000, true)).isEqualTo(MentionLog.Claim.DONE);
        assertThat(log.claim(interrupted, ann, 10, 0, 1000, false)).isEqualTo(MentionLog.Claim.DONE);
        s.close();

        Social again = open();
        MentionLog reopened = new MentionLog(again.db());
        assertThat(reopened.unanswered(bot, 0, 10)).containsExactly(interrupted, never);
        assertThat(reopened.claim(interrupted, ann, 10, 0, 2000, true)).isEqualTo(MentionLog.Claim.ANSWER);
        assertThat(reopened.claim(answered, ann, 10, 0, 2000, true)).isEqualTo(MentionLog.Claim.DONE);
    }

    @Test
    void theLimitCountsRepliesInTheWindowAndALimitedPostStaysUnanswered() {
        Social s = open();
        long bot = s.accounts().ensure("colossus", null, true).id();
        long ann = s.accounts().ensure("ann", null, false).id();
        MentionLog log = new MentionLog(s.db());
        long old = mention(s, ann, "@colossus long ago");
        assertThat(log.claim(old, ann, 2, 0, 1_000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        log.replied(old, 1);
        long a = mention(s, ann, "@colossus a"), b = mention(s, ann, "@colossus b"), c = mention(s, ann, "@colossus c");
        // The window starts at 5000: the reply at 1000 no longer counts.
        assertThat(log.claim(a, ann, 2, 5_000, 9_000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        assertThat(log.claim(b, ann, 2, 5_000, 9_000, false)).isEqualTo(MentionLog.Claim.ANSWER);
        assertThat(log.claim(c, ann, 2, 5_000, 9_000, false)).isEqualTo(MentionLog.Claim.LIMITED);
        assertThat(log.unanswered(bot, 0, 10)).containsExactly(a, b).doesNotContain(c);
    }
}
