package dev.colossus.social.service;

import dev.colossus.social.AccessGrant;
import dev.colossus.social.Post;
import dev.colossus.social.auth.PasswordHasher;
import dev.colossus.social.media.MediaService;
import dev.colossus.social.store.AccountErasure;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A user deleting their own account, after giving its password again (Mastodon has no API for this; its web page asks
 * the same): everything {@link AccountErasure} lists goes in one transaction, every token stops working, the removed
 * posts are published as {@link SocialEvent.PostDeleted} (so they leave the search index and live streams), and
 * their media and the profile images are deleted from disk. The username stays reserved. Thread-safe.
 */
public final class AccountDeletionService {

    private static final int LOAD_CHUNK = 500;

    private final Database db;
    private final PasswordHasher passwords;
    private final EventBus bus;
    private final MediaService media;
    private final ProfileService profiles;
    private final Clock clock;

    public AccountDeletionService(Database db, PasswordHasher passwords, EventBus bus, MediaService media,
                                  ProfileService profiles, Clock clock) {
        this.db = db;
        this.passwords = passwords;
        this.bus = bus;
        this.media = media;
        this.profiles = profiles;
        this.clock = clock;
    }

    /**
     * Deletes the account behind {@code grant} when {@code password} is its password; returns whether it did (false:
     * a wrong password, nothing changed). Accounts without a password (imported or demo people) cannot be deleted
     * this way.
     *
     * @throws IllegalArgumentException for an app token, which has no account
     */
    public boolean delete(AccessGrant grant, String password) {
        if (grant.accountId() == null) throw new IllegalArgumentException("an app-only token has no account to delete");
        long accountId = grant.accountId();
        String stored = db.read(c -> Accounts.passwordHash(c, accountId)).orElse(null);
        if (stored == null || !passwords.verify(password == null ? "" : password, stored)) return false;
        record Done(List<Post> posts, AccountErasure.Erased erased) {
        }
        Done done = db.write(c -> {
            List<Long> ids = AccountErasure.posts(c, accountId);
            List<Post> before = new ArrayList<>(ids.size());
            for (int from = 0; from < ids.size(); from += LOAD_CHUNK) {
                before.addAll(PostRows.load(c, ids.subList(from, Math.min(ids.size(), from + LOAD_CHUNK)), null));
            }
            return new Done(before, AccountErasure.erase(c, accountId, clock.millis()));
        });
        for (Post p : done.posts()) bus.publish(new SocialEvent.PostDeleted(p));
        profiles.deleteUnused(done.erased().imagePaths());
        media.cleanup();
        return true;
    }
}
