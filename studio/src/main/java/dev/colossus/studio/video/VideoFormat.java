package dev.colossus.studio.video;

import java.util.Locale;

/** What a clip is encoded as. */
public enum VideoFormat {
    /** H.264 (baseline) in an MP4 file: width and height are made even. */
    MP4("video/mp4"),
    /** An animated GIF that loops forever; at most {@value VideoSpec#MAX_GIF_FPS} frames a second. */
    GIF("image/gif");

    private final String mimeType;

    VideoFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    /** The file's media type, e.g. {@code video/mp4}. */
    public String mimeType() {
        return mimeType;
    }

    /** The file name extension, without the dot: {@code mp4} or {@code gif}. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }
}
