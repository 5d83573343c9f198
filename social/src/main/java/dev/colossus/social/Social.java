package dev.colossus.social;

import dev.colossus.social.auth.PasswordHasher;
import dev.colossus.social.media.MediaFiles;
import dev.colossus.social.media.MediaLimits;
import dev.colossus.social.media.MediaService;
import dev.colossus.social.service.AccountService;
import dev.colossus.social.service.ApiKeyService;
import dev.colossus.social.service.AuthService;
import dev.colossus.social.service.FollowService;
import dev.colossus.social.service.PostService;
import dev.colossus.social.service.TimelineService;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;

/**
 * The network's services over one database and one event bus. Closing it closes the database. Thread-safe.
 *
 * @param media    media uploads and their files
 * @param apiKeys  users' keys for the OpenAI-compatible API and the tokens each caller spends per day
 * @param maxChars the longest post allowed (Mastodon's default is 500)
 */
public record Social(Database db, EventBus bus, Snowflakes ids, AuthService auth, AccountService accounts,
                     FollowService follows, PostService posts, TimelineService timelines, MediaService media,
                     ApiKeyService apiKeys, int maxChars) implements AutoCloseable {

    public static final int DEFAULT_MAX_CHARS = 500;

    /**
     * Builds every service over {@code db}; events of this network go to {@code bus}, media files to
     * {@code mediaFiles}, and {@code clock} dates uploads and decides when unattached ones expire.
     */
    public static Social over(Database db, EventBus bus, int maxChars, MediaFiles mediaFiles, MediaLimits mediaLimits,
                              Clock clock) {
        Snowflakes ids = new Snowflakes();
        PasswordHasher passwords = new PasswordHasher();
        AuthService auth = new AuthService(db, ids, passwords);
        return new Social(db, bus, ids, auth, new AccountService(db, ids, passwords, auth, bus), new FollowService(db, ids),
                new PostService(db, ids, bus, maxChars), new TimelineService(db),
                new MediaService(db, ids, mediaFiles, mediaLimits, clock), new ApiKeyService(db, ids, clock), maxChars);
    }

    /**
     * As {@link #over(Database, EventBus, int, MediaFiles, MediaLimits, Clock)} with the default media limits, the
     * system clock, and media files in a new temporary directory: for tools and tests that keep no media.
     */
    public static Social over(Database db, EventBus bus, int maxChars) {
        try {
            MediaFiles files = new MediaFiles(Files.createTempDirectory("colossus-media"));
            return over(db, bus, maxChars, files, MediaLimits.DEFAULT, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary media directory", e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
