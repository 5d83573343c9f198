package dev.colossus.social.media;

/**
 * What an upload may be: bytes per kind of file, and how many pixels an image may have, checked from its header
 * before it is decoded.
 *
 * @param imageBytes largest image file (default 16 MiB, as Mastodon)
 * @param audioBytes largest audio file (default 40 MiB)
 * @param videoBytes largest video file (default 40 MiB)
 * @param maxPixels  most pixels of an image, width times height (default 33,177,600: 7680x4320, as Mastodon)
 * @param maxSide    longest side of an image in pixels (default 16384)
 */
public record MediaLimits(long imageBytes, long audioBytes, long videoBytes, long maxPixels, int maxSide) {

    public static final MediaLimits DEFAULT = new MediaLimits(16L << 20, 40L << 20, 40L << 20, 7680L * 4320, 16384);

    public MediaLimits {
        if (imageBytes < 1 || audioBytes < 1 || videoBytes < 1 || maxPixels < 1 || maxSide < 1) {
            throw new IllegalArgumentException("media limits must be positive");
        }
    }

    /** The byte limit for files of {@code kind}. */
    public long bytes(MediaFormat.Kind kind) {
        return switch (kind) {
            case IMAGE -> imageBytes;
            case AUDIO -> audioBytes;
            case VIDEO -> videoBytes;
        };
    }

    /** The largest file of any kind: what an upload request's body may carry. */
    public long largestFile() {
        return Math.max(imageBytes, Math.max(audioBytes, videoBytes));
    }
}
