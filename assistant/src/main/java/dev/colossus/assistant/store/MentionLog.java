package dev.colossus.assistant.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The persisted record of mentions taken up by the assistant (table {@code assistant_replies} in the assistant's
 * database): each post at most once, with its outcome. Counting an author's recent replies here makes the rate limit
 * hold across restarts too. Thread-safe (every method is one transaction).
 */
public final class MentionLog {

    /** What {@link #claim} decided. */
    public enum Claim {
        /** Taken up now: answer it, then call {@link #replied} or {@link #failed}. */
        ANSWER,
        /** Already handled (or being handled): leave it. */
        DONE,
        /** The author reached the limit: recorded as limited, not answered. */
        LIMITED
    }

    /** Ids looked up in one query (well under SQLite's limit of bound parameters). */
    private static final int BATCH = 500;

    private final AssistantDatabase db;

    public MentionLog(AssistantDatabase db) {
        this.db = db;
    }

    /**
     * Takes up a post unless it was taken up before. A post left {@code pending} by a stop mid-answer is taken up
     * again only when {@code resume} is set (the reply is posted with an idempotency key, so a reply that did get
     * posted is found rather than repeated).
     *
     * @param limit       most replies to one author since {@code windowStart} (epoch ms)
     */
    public Claim claim(long postId, long authorId, int limit, long windowStart, long now, boolean resume) {
        return db.write(c -> {
            List<Long> pending = Statements.longs(c, "SELECT status_id FROM assistant_replies WHERE status_id = ? AND outcome = 'pending'", postId);
            if (!pending.isEmpty()) return resume ? Claim.ANSWER : Claim.DONE;
            if (Statements.exists(c, "SELECT 1 FROM assistant_replies WHERE status_id = ?", postId)) return Claim.DONE;
            long recent = Statements.longs(c, "SELECT COUNT(*) FROM assistant_replies WHERE author_id = ? AND created_at >= ?"
                    + " AND outcome IN ('pending', 'replied')", authorId, windowStart).getFirst();
            Claim claim = recent >= limit ? Claim.LIMITED : Claim.ANSWER;
            Statements.update(c, "INSERT INTO assistant_replies (status_id, author_id, outcome, created_at) VALUES (?, ?, ?, ?)",
                    postId, authorId, claim == Claim.LIMITED ? "limited" : "pending", now);
            return claim;
        });
    }

    /** Records that the post was answered by {@code replyId}. */
    public void replied(long postId, long replyId) {
        db.write(c -> Statements.update(c, "UPDATE assistant_replies SET outcome = 'replied', reply_id = ? WHERE status_id = ?",
                replyId, postId));
    }

    /** Records that answering the post failed; it is not taken up again. */
    public void failed(long postId) {
        db.write(c -> Statements.update(c, "UPDATE assistant_replies SET outcome = 'failed' WHERE status_id = ?", postId));
    }

    /**
     * Of the posts that mention the assistant ({@code mentionIds}, in their order), those never taken up or left
     * pending, at most {@code max}.
     */
    public List<Long> unanswered(List<Long> mentionIds, int max) {
        if (mentionIds.isEmpty()) return List.of();
        Set<Long> settled = new HashSet<>();
        for (int from = 0; from < mentionIds.size(); from += BATCH) {
            List<Long> batch = mentionIds.subList(from, Math.min(mentionIds.size(), from + BATCH));
            settled.addAll(db.read(c -> Statements.longs(c, "SELECT status_id FROM assistant_replies WHERE status_id IN ("
                    + "?, ".repeat(batch.size() - 1) + "?) AND outcome <> 'pending'", batch.toArray())));
        }
        List<Long> out = new ArrayList<>();
        for (long id : mentionIds) {
            if (out.size() >= max) break;
            if (!settled.contains(id)) out.add(id);
        }
        return out;
    }
}
