package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Report;
import dev.colossus.social.SocialException;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.ReportRows;
import dev.colossus.social.store.Snowflakes;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reports of accounts, as Mastodon takes them: a category, a comment of at most {@value #MAX_COMMENT} characters and
 * the reported account's posts. They are stored for the network's moderators; this network has no moderator role
 * yet, so nobody reviews them through the API. Thread-safe.
 */
public final class ReportService {

    public static final int MAX_COMMENT = 1000;
    /** Mastodon's report categories; {@code other} is the default. */
    public static final Set<String> CATEGORIES = Set.of("spam", "legal", "violation", "other");

    private final Database db;
    private final Snowflakes ids;
    private final Clock clock;

    public ReportService(Database db, Snowflakes ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Stores {@code reporter}'s report of {@code targetId}; returns it.
     *
     * @param postIds  the target's posts it is about (null: none; repeats are dropped)
     * @param comment  null: none
     * @param category null: {@code other}
     * @throws SocialException.NotFound for an unknown target, or a post that is not the target's
     * @throws SocialException.Invalid  for a too long comment or an unknown category
     */
    public Report report(long reporter, long targetId, List<Long> postIds, String comment, String category) {
        String text = comment == null ? "" : comment.strip();
        if (text.codePointCount(0, text.length()) > MAX_COMMENT) {
            throw SocialException.invalid("comment", "Comment is too long (maximum is " + MAX_COMMENT + " characters)");
        }
        String kind = category == null || category.isBlank() ? "other" : category.strip();
        if (!CATEGORIES.contains(kind)) {
            throw SocialException.invalid("category", "Category is not included in the list (spam, legal, violation, other)");
        }
        List<Long> posts = postIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(postIds));
        long id = ids.next();
        long now = clock.millis();
        Account target = db.write(c -> {
            Account t = Accounts.byId(c, targetId).orElseThrow(SocialException::notFound);
            if (ReportRows.postsBy(c, targetId, posts).size() != posts.size()) throw SocialException.notFound();
            ReportRows.insert(c, id, reporter, targetId, kind, text, posts, now);
            return t;
        });
        return new Report(id, target, kind, text, posts, Instant.ofEpochMilli(now));
    }
}
