package dev.colossus.assistant.mention;

import dev.colossus.social.store.Database;
import dev.colossus.social.store.Sql;

import java.util.List;

/**
 * The persisted record of mentions taken up by the assistant (table {@code assistant_replies}): each post at most
 * once, with its outcome. Counting an author's recent replies here makes the rate limit hold across restarts too.
 * Thread-safe (every method is one transaction).
 */
final class MentionLog {

    /** What {@link #claim} decided. */
    enum Claim {
        /** Taken up now: answer it, then call {@link #replied} or {@link #failed}. */
        ANSWER,
        /** Already handled (or being handled): leave it. */
        DONE,
        /** The author reached the limit: recorded as limited, not answered. */
        LIMITED
    }

    private final Database db;

    MentionLog(Database db) {
        this.db = db;
    }

    /**
     * Takes up a post unless it was taken up before. A post left {@code pending} by a stop mid-answer is taken up
     * again only when {@code resume} is set (the reply is posted with an idempotency key, so a reply that did get
     * posted is found rather than repeated).
     *
     * @param limit       most replies to one author since {@code windowStart} (epoch ms)
     */
    Claim claim(long postId, long authorId, int limit, long windowStart, long now, boolean resume) {
        return db.write(c -> {
            List<Long> pending = Sql.longs(c, "SELECT status_id FROM assistant_replies WHERE status_id = ? AND outcome = 'pending'", postId);
            if (!pending.isEmpty()) return resume ? Claim.ANSWER : Claim.DONE;
            if (Sql.exists(c, "SELECT 1 FROM assistant_replies WHERE status_id = ?", postId)) return Claim.DONE;
            long recent = Sql.longs(c, "SELECT COUNT(*) FROM assistant_replies WHERE author_id = ? AND created_at >= ?"
                    + " AND outcome IN ('pending', 'replied')", authorId, windowStart).getFirst();
            Claim claim = recent >= limit ? Claim.LIMITED : Claim.ANSWER;
            Sql.update(c, "INSERT INTO assistant_replies (status_id, author_id, outcome, created_at) VALUES (?, ?, ?, ?)",
                    postId, authorId, claim == Claim.LIMITED ? "limited" : "pending", now);
            return claim;
        });
    }

    void replied(long postId, long replyId) {
        db.write(c -> Sql.update(c, "UPDATE assistant_replies SET outcome = 'replied', reply_id = ? WHERE status_id = ?",
                replyId, postId));
    }

    void failed(long postId) {
        db.write(c -> Sql.update(c, "UPDATE assistant_replies SET outcome = 'failed' WHERE status_id = ?", postId));
    }

    /**
     * Posts with ids from {@code sinceId} on that mention {@code accountId} and were never taken up, or were left
     * pending, oldest first.
     */
    List<Long> unanswered(long accountId, long sinceId, int max) {
        return db.read(c -> Sql.longs(c, "SELECT m.status_id FROM mentions m LEFT JOIN assistant_replies r"
                + " ON r.status_id = m.status_id WHERE m.account_id = ? AND m.status_id >= ?"
                + " AND (r.status_id IS NULL OR r.outcome = 'pending') ORDER BY m.status_id LIMIT ?", accountId, sinceId, max));
    }
}
