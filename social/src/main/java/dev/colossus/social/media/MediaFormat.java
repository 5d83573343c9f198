package dev.colossus.social.media;

/**
 * The file formats the network accepts, each with its MIME type, the file extension it is stored under, and its
 * {@link Kind}. A file's format is decided from its bytes ({@link MediaSniffer}), never from its name.
 */
public enum MediaFormat {
    PNG("image/png", "png", Kind.IMAGE),
    JPEG("image/jpeg", "jpg", Kind.IMAGE),
    GIF("image/gif", "gif", Kind.IMAGE),
    WEBP("image/webp", "webp", Kind.IMAGE),
    WAV("audio/wav", "wav", Kind.AUDIO),
    MP3("audio/mpeg", "mp3", Kind.AUDIO),
    OGG("audio/ogg", "ogg", Kind.AUDIO),
    MP4("video/mp4", "mp4", Kind.VIDEO),
    WEBM("video/webm", "webm", Kind.VIDEO);

    /** What a format holds; each kind has its own size limit ({@link MediaLimits}). */
    public enum Kind { IMAGE, AUDIO, VIDEO }

    private final String mime;
    private final String extension;
    private final Kind kind;

    MediaFormat(String mime, String extension, Kind kind) {
        this.mime = mime;
        this.extension = extension;
        this.kind = kind;
    }

    public String mime() {
        return mime;
    }

    /** The extension files of this format are stored and served under, without the dot. */
    public String extension() {
        return extension;
    }

    public Kind kind() {
        return kind;
    }

    /** The format stored under {@code extension}. @throws IllegalArgumentException for an unknown one */
    public static MediaFormat ofExtension(String extension) {
        for (MediaFormat f : values()) if (f.extension.equals(extension)) return f;
        throw new IllegalArgumentException("no media format has the extension " + extension);
    }
}
