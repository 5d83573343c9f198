package dev.colossus.assistant.studio;

import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaService;
import dev.colossus.social.media.MediaUpload;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps media on the network as an upload of one account (the assistant's, whose posts may then attach it); the URL
 * is the file's public address, {@code ORIGIN/media/ab/cd/HASH.EXT}. Thread-safe.
 */
public final class SocialMediaShelf implements MediaShelf {

    private final MediaService media;
    private final long accountId;
    private final Supplier<String> origin;

    /** @param origin this server's public origin, e.g. {@code https://example.org} (read at each put) */
    public SocialMediaShelf(MediaService media, long accountId, Supplier<String> origin) {
        this.media = Objects.requireNonNull(media, "media");
        this.accountId = accountId;
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * Uploads the media with its prompt as alt text (cut to the network's limit).
     *
     * @throws dev.colossus.social.SocialException.Invalid when the network refuses the file
     */
    @Override
    public ShelvedMedia put(Media made) {
        MediaAttachment a = media.upload(accountId, upload(made));
        return new ShelvedMedia(made.kind(), Long.toString(a.id()), url(origin.get(), a), a.format().mime(),
                a.description());
    }

    /** The upload of made media: its bytes, its prompt as alt text (cut to the network's limit). */
    public static MediaUpload upload(Media made) {
        String alt = made.prompt().length() > MediaUpload.MAX_DESCRIPTION
                ? made.prompt().substring(0, MediaUpload.MAX_DESCRIPTION) : made.prompt();
        return new MediaUpload(made.bytes(), alt, null);
    }

    /** The public address of an attachment's file. */
    public static String url(String origin, MediaAttachment attachment) {
        return origin.replaceFirst("/+$", "") + "/media/" + attachment.path();
    }
}
