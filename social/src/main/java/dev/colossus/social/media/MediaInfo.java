package dev.colossus.social.media;

/**
 * What a media file's headers tell: Mastodon's {@code meta.original}. Every field is null when the format or the
 * file does not say (audio has no size; a stream may not record its duration).
 *
 * @param duration  seconds
 * @param frameRate frames per second (video and animated images)
 */
public record MediaInfo(Integer width, Integer height, Double duration, Double frameRate) {

    public static MediaInfo image(int width, int height) {
        return new MediaInfo(width, height, null, null);
    }

    public static MediaInfo audio(Double duration) {
        return new MediaInfo(null, null, duration, null);
    }

    /** The same information with width and height swapped (an image turned a quarter). */
    MediaInfo transposed() {
        return new MediaInfo(height, width, duration, frameRate);
    }
}
