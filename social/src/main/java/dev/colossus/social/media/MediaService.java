package dev.colossus.social.media;

import dev.colossus.social.SocialException;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.MediaRows;
import dev.colossus.social.store.Snowflakes;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Media uploads as Mastodon has them: an upload is checked and processed ({@link MediaProcessor}), its files stored
 * by content ({@link MediaFiles}) and its row written unattached; {@code PostService.create} attaches it to a post
 * (see {@code NewPost.mediaIds}). Only the uploader sees or changes an unattached upload; one left unattached for
 * {@link #UNATTACHED_LIFETIME} is deleted by {@link #cleanup()}, and its files with it when no other row uses them.
 *
 * <p>Thread-safe. Storing a file and deleting an unused one are serialised in this process, so a cleanup never
 * deletes a file an upload is about to use; several processes sharing one database and media directory are not
 * protected from that.
 */
public final class MediaService {

    /** How long an upload may stay unattached before cleanup deletes it (Mastodon: a day). */
    public static final Duration UNATTACHED_LIFETIME = Duration.ofDays(1);
    private static final int CLEANUP_BATCH = 500;

    private final Database db;
    private final Snowflakes ids;
    private final MediaFiles files;
    private final MediaProcessor processor;
    private final MediaLimits limits;
    private final Clock clock;
    private final ReentrantLock fileLock = new ReentrantLock();

    /**
     * @param files  where files are stored
     * @param limits what an upload may be
     * @param clock  upload times and cleanup's notion of now
     */
    public MediaService(Database db, Snowflakes ids, MediaFiles files, MediaLimits limits, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.files = files;
        this.limits = limits;
        this.processor = new MediaProcessor(limits);
        this.clock = clock;
    }

    public MediaLimits limits() {
        return limits;
    }

    /**
     * Checks, processes and stores a file for {@code accountId}; returns the new, unattached attachment (the same
     * bytes uploaded twice are stored once, as two attachments).
     *
     * @throws SocialException.Invalid when the file is of no accepted type (judged by its bytes only), larger than
     *                                 its kind's limit, damaged, or an image with too many pixels
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public MediaAttachment upload(long accountId, MediaUpload upload) {
        MediaProcessor.Processed p = processor.process(upload.data());
        String hash = sha256(p.stored());
        MediaAttachment m = new MediaAttachment(ids.next(), accountId, p.type(), p.format(), hash, p.stored().length,
                upload.description(), upload.focus(), p.blurhash(), p.info(), p.preview(), null,
                Instant.ofEpochMilli(clock.millis()));
        fileLock.lock();
        try {
            files.write(m.path(), p.stored());
            if (m.preview() != null) files.write(m.previewPath(), p.previewBytes());
            db.write(c -> {
                MediaRows.insert(c, m);
                return null;
            });
        } finally {
            fileLock.unlock();
        }
        return m;
    }

    /** The account's own unattached upload. @throws SocialException.NotFound otherwise (as Mastodon answers) */
    public MediaAttachment get(long accountId, long id) {
        return db.read(c -> own(MediaRows.find(c, id), accountId));
    }

    private static MediaAttachment own(MediaAttachment m, long accountId) {
        if (m == null || m.accountId() != accountId || m.postId() != null) throw SocialException.notFound();
        return m;
    }

    /**
     * Changes the description and focus of the account's own unattached upload; a null argument keeps the current
     * value. Returns the changed attachment.
     *
     * @throws SocialException.NotFound when missing, another's or attached
     * @throws SocialException.Invalid  when the description is too long
     */
    public MediaAttachment update(long accountId, long id, String description, Focus focus) {
        String text = description == null ? null : MediaUpload.checkDescription(description);
        return db.write(c -> {
            MediaAttachment m = own(MediaRows.find(c, id), accountId);
            MediaRows.describe(c, id, text == null ? m.description() : text, focus == null ? m.focus() : focus);
            return MediaRows.find(c, id);
        });
    }

    /** A stored file by its path under {@code /media/} ({@link MediaAttachment#path()}), when it exists. */
    public Optional<Path> file(String path) {
        return files.find(path);
    }

    /**
     * Deletes uploads left unattached for longer than {@link #UNATTACHED_LIFETIME}, and the files of those whose
     * file no other row uses. Returns how many uploads were deleted.
     */
    public int cleanup() {
        long cutoff = clock.millis() - UNATTACHED_LIFETIME.toMillis();
        int deleted = 0;
        while (true) {
            List<MediaAttachment> stale = db.read(c -> MediaRows.unattachedBefore(c, cutoff, CLEANUP_BATCH));
            for (MediaAttachment m : stale) {
                fileLock.lock();
                try {
                    boolean unused = db.write(c -> {
                        MediaRows.delete(c, m.id());
                        return !MediaRows.hashInUse(c, m.hash());
                    });
                    if (unused) {
                        files.delete(m.path());
                        if (m.previewPath() != null) files.delete(m.previewPath());
                    }
                } finally {
                    fileLock.unlock();
                }
                deleted++;
            }
            if (stale.size() < CLEANUP_BATCH) return deleted;
        }
    }

    /**
     * Runs {@link #cleanup()} every {@code interval} on a daemon thread until the returned handle is closed. A failed
     * run is reported on stderr and tried again at the next interval.
     */
    public AutoCloseable startCleanup(Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "media-cleanup");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                cleanup();
            } catch (RuntimeException e) {
                System.err.println("colossus: media cleanup failed: " + e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        };
    }

    /** The SHA-256 of {@code data} in hex: a stored file's name. */
    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
