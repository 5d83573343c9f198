package dev.colossus.social.media;

import java.time.Instant;

/**
 * A stored media file and what is known about it: Mastodon's MediaAttachment. Files are stored once per content
 * (by SHA-256), so attachments with equal bytes share one file.
 *
 * @param accountId   the uploader, the only one who may attach or change it
 * @param hash        the stored file's SHA-256, in lower-case hex
 * @param size        the stored file's length in bytes
 * @param description alt text ("" for none)
 * @param blurhash    a BlurHash of the image or preview, null for audio and video
 * @param original    what the file's headers tell
 * @param preview     the small still image, null when there is none (audio and video have none)
 * @param postId    the post it is attached to, null while unattached
 */
public record MediaAttachment(long id, long accountId, MediaType type, MediaFormat format, String hash, long size,
                              String description, Focus focus, String blurhash, MediaInfo original, Preview preview,
                              Long postId, Instant createdAt) {

    /** Mastodon's limit of attachments per post. */
    public static final int MAX_PER_POST = 4;

    /** The file's path under the media directory and under {@code /media/} on the web: {@code ab/cd/HASH.EXT}. */
    public String path() {
        return MediaFiles.path(hash, format.extension());
    }

    /** The preview's path like {@link #path()}, or null without a preview. */
    public String previewPath() {
        return preview == null ? null : MediaFiles.path(hash + MediaFiles.PREVIEW_SUFFIX, preview.extension());
    }
}
