package dev.colossus.social.media;

/**
 * The small still image shown for an attachment (Mastodon's {@code preview_url} and {@code meta.small}): at most
 * {@link MediaProcessor#PREVIEW_SIDE} pixels a side, PNG for images with transparency, else JPEG.
 *
 * @param extension {@code png} or {@code jpg}
 */
public record Preview(String extension, int width, int height) {
}
