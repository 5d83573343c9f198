package dev.colossus.social.service;

import dev.colossus.social.Account;
import dev.colossus.social.Muted;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Relationship;
import dev.colossus.social.SocialException;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.MuteRows;
import dev.colossus.social.store.Snowflakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mutes, as Mastodon has them: a muted account's posts and reblogs leave the muter's home, public and hashtag
 * timelines, threads, search results and streams (not its profile), and, when the mute says so, its notifications
 * do too. A mute may lapse after a while; once its time has passed it counts as gone everywhere. Thread-safe.
 */
public final class MuteService {

    private final Database db;
    private final Snowflakes ids;
    private final FollowService follows;
    private final Clock clock;

    /** @param clock dates mutes' expiry and decides when they lapse */
    public MuteService(Database db, Snowflakes ids, FollowService follows, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.follows = follows;
        this.clock = clock;
    }

    /**
     * Makes {@code actor} mute {@code target}, or changes the settings of its mute; returns the relationship now.
     *
     * @param notifications whether the target's notifications are hidden too (Mastodon's default: true)
     * @param duration      how long the mute lasts; null or zero: until unmuted
     * @throws SocialException.NotFound  for an unknown target
     * @throws SocialException.Forbidden when muting oneself
     * @throws SocialException.Invalid   for a negative duration
     */
    public Relationship mute(long actor, long target, boolean notifications, Duration duration) {
        if (actor == target) throw new SocialException.Forbidden("This action is not allowed");
        if (duration != null && duration.isNegative()) {
            throw SocialException.invalid("duration", "Duration must be zero (no expiry) or a number of seconds");
        }
        Long expiresAt = duration == null || duration.isZero() ? null : clock.millis() + duration.toMillis();
        db.write(c -> {
            if (Accounts.byId(c, target).isEmpty()) throw SocialException.notFound();
            MuteRows.put(c, ids.next(), actor, target, notifications, expiresAt);
            return null;
        });
        return follows.relationship(actor, target);
    }

    /** Ends {@code actor}'s mute of {@code target} (idempotent). @throws SocialException.NotFound for an unknown target */
    public Relationship unmute(long actor, long target) {
        db.write(c -> {
            if (Accounts.byId(c, target).isEmpty()) throw SocialException.notFound();
            return MuteRows.delete(c, actor, target, clock.millis());
        });
        return follows.relationship(actor, target);
    }

    /** Whom {@code accountId} mutes now, most recent mute first; paged by mute id. */
    public Page<Muted> mutes(long accountId, PageRequest request) {
        return db.read(c -> {
            List<MuteRows.Row> rows = MuteRows.page(c, accountId, clock.millis(), request);
            Page<MuteRows.Row> page = Page.of(request, rows, MuteRows.Row::muteId);
            Map<Long, Account> accounts = Accounts.byIds(c, page.items().stream().map(MuteRows.Row::accountId).toList());
            List<Muted> out = new ArrayList<>();
            for (MuteRows.Row r : page.items()) {
                Account a = accounts.get(r.accountId());
                if (a != null) out.add(new Muted(a, r.expiresAt() == null ? null : Instant.ofEpochMilli(r.expiresAt())));
            }
            return new Page<>(out, page.nextMaxId(), page.prevMinId());
        });
    }
}
