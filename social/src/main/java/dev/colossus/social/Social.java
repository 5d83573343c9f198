package dev.colossus.social;

import dev.colossus.social.auth.PasswordHasher;
import dev.colossus.social.service.AccountService;
import dev.colossus.social.service.AuthService;
import dev.colossus.social.service.FollowService;
import dev.colossus.social.service.StatusService;
import dev.colossus.social.service.TimelineService;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;

/**
 * The network's services over one database and one event bus. Closing it closes the database. Thread-safe.
 *
 * @param maxChars the longest post allowed (Mastodon's default is 500)
 */
public record Social(Database db, EventBus bus, Snowflakes ids, AuthService auth, AccountService accounts,
                     FollowService follows, StatusService statuses, TimelineService timelines, int maxChars)
        implements AutoCloseable {

    public static final int DEFAULT_MAX_CHARS = 500;

    /** Builds every service over {@code db}; events of this network go to {@code bus}. */
    public static Social over(Database db, EventBus bus, int maxChars) {
        Snowflakes ids = new Snowflakes();
        PasswordHasher passwords = new PasswordHasher();
        AuthService auth = new AuthService(db, ids, passwords);
        return new Social(db, bus, ids, auth, new AccountService(db, ids, passwords, auth, bus), new FollowService(db, ids),
                new StatusService(db, ids, bus, maxChars), new TimelineService(db), maxChars);
    }

    @Override
    public void close() {
        db.close();
    }
}
