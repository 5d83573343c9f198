package dev.colossus.studio.video;

import dev.colossus.studio.Size;

import java.util.Objects;

/**
 * How to render a clip.
 *
 * @param seconds its length, over 0 and at most {@value #MAX_SECONDS}
 * @param fps     frames a second, 1 to {@value #MAX_FPS} ({@value #MAX_GIF_FPS} for a GIF, whose delays are whole
 *                hundredths of a second); frame {@code i} shows the animation at time {@code i / fps}
 * @param size    the frame size, or null for the SVG's own (see {@link VideoRenderer} for the limits)
 * @param format  MP4 or GIF
 */
public record VideoSpec(double seconds, int fps, Size size, VideoFormat format) {
    /** The default length. */
    public static final double DEFAULT_SECONDS = 5;
    /** The default frame rate. */
    public static final int DEFAULT_FPS = 24;
    /** The longest clip. */
    public static final int MAX_SECONDS = 60;
    /** The highest frame rate. */
    public static final int MAX_FPS = 60;
    /** The highest frame rate of a GIF. */
    public static final int MAX_GIF_FPS = 50;

    /** @throws IllegalArgumentException with a one-line message when a value is out of range */
    public VideoSpec {
        Objects.requireNonNull(format, "format");
        if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
            throw new IllegalArgumentException("seconds must be over 0 and at most " + MAX_SECONDS + ", got " + seconds);
        }
        int maxFps = format == VideoFormat.GIF ? MAX_GIF_FPS : MAX_FPS;
        if (fps < 1 || fps > maxFps) {
            throw new IllegalArgumentException("fps must be 1 to " + maxFps + " for " + format + ", got " + fps);
        }
    }

    /** {@value #DEFAULT_SECONDS} seconds at {@value #DEFAULT_FPS} fps, at the SVG's own size. */
    public static VideoSpec defaults(VideoFormat format) {
        return new VideoSpec(DEFAULT_SECONDS, DEFAULT_FPS, null, format);
    }

    /** The number of frames: {@code seconds * fps}, rounded, at least 1. */
    public int frames() {
        return (int) Math.max(1, Math.round(seconds * fps));
    }
}
