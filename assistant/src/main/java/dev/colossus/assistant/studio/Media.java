package dev.colossus.assistant.studio;

import java.util.Objects;

/**
 * Media the studio made.
 *
 * @param kind     image, music or video
 * @param bytes    the rendered file (PNG or JPEG, audio, MP4 or GIF); not copied, do not modify
 * @param mimeType its media type, e.g. {@code image/png}
 * @param source   the source the model wrote (SVG or ABC), or null when a remote media server made it
 * @param prompt   the description it was made from, used as its alt text
 */
public record Media(MediaKind kind, byte[] bytes, String mimeType, String source, String prompt) {

    public Media {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(prompt, "prompt");
    }

    /** The usual file extension for its media type, without the dot. */
    public String extension() {
        return switch (mimeType) {
            case "image/png" -> "png";
            case "image/jpeg" -> "jpg";
            case "image/gif" -> "gif";
            case "video/mp4" -> "mp4";
            case "audio/wav", "audio/x-wav", "audio/wave" -> "wav";
            case "audio/ogg" -> "ogg";
            case "audio/midi" -> "mid";
            default -> "bin";
        };
    }
}
