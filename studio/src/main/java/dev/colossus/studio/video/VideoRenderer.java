package dev.colossus.studio.video;

import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;
import dev.colossus.studio.svg.SvgScene;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.concurrent.CancellationException;

/**
 * Renders an animated SVG (SMIL: {@code animate}, {@code animateTransform}, {@code animateMotion}, {@code set},
 * {@code animateColor}) to an MP4 (H.264) or an animated GIF: a pure function of the text, which reads no files and
 * makes no network requests. The SVG is sanitised exactly as {@link dev.colossus.studio.svg.SvgRenderer} does.
 *
 * <p>Frame {@code i} shows the animation at exactly {@code i / fps} seconds, for {@link VideoSpec#frames()} frames;
 * transparent areas are white. Frame size: the spec's, else the SVG's own (as for images); at most
 * {@value #MAX_SIDE} pixels a side and {@value #MAX_FRAME_PIXELS} pixels a frame (1920x1080 or 1080x1920), and at
 * most {@value #MAX_TOTAL_PIXELS} pixels over the whole clip ({@value #MAX_GIF_TOTAL_PIXELS} for a GIF), refused
 * otherwise. H.264 needs an even width and height: an odd one is rounded down by one pixel, the drawing scaled to
 * fit.
 *
 * <p>Frames are rendered on the calling thread while a second thread encodes the earlier ones. Thread-safe: calls
 * are independent. Interrupting the calling thread stops the render with a {@link CancellationException}.
 */
public final class VideoRenderer {
    /** The longest side of a frame. */
    public static final int MAX_SIDE = 1920;
    /** The most pixels of a frame. */
    public static final long MAX_FRAME_PIXELS = 1920L * 1080;
    /** The most pixels of all frames of an MP4 together (e.g. 1080p at 30 fps for 32 seconds). */
    public static final long MAX_TOTAL_PIXELS = 2_000_000_000L;
    /** The most pixels of all frames of a GIF together (e.g. 640x480 at 24 fps for 40 seconds). */
    public static final long MAX_GIF_TOTAL_PIXELS = 300_000_000L;

    private static final Color BACKGROUND = Color.WHITE;

    private VideoRenderer() {
    }

    /**
     * The animation as a file of {@code spec.format()}.
     *
     * @param progress told after each frame is rendered
     * @throws SourceException       with a one-line message: the SVG is malformed, hostile or over a limit, or an
     *                               animation cannot be applied
     * @throws CancellationException when the calling thread is interrupted
     */
    public static byte[] render(String svg, VideoSpec spec, ProgressListener progress) throws SourceException {
        try (SvgScene scene = SvgScene.load(svg, spec.size(), size -> frameSize(size, spec), true)) {
            FrameEncoder<?> encoder = spec.format() == VideoFormat.MP4 ? new Mp4Encoder(spec.fps())
                    : new GifEncoder(spec.fps());
            return render(scene, spec, encoder, progress);
        }
    }

    private static <P> byte[] render(SvgScene scene, VideoSpec spec, FrameEncoder<P> encoder,
                                     ProgressListener progress) throws SourceException {
        int frames = spec.frames();
        try (EncoderThread<P> encoding = new EncoderThread<>(encoder)) {
            for (int i = 0; i < frames; i++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("interrupted while rendering a video");
                }
                scene.seek((double) i / spec.fps());
                BufferedImage frame = scene.paint(BufferedImage.TYPE_INT_RGB, BACKGROUND);
                encoding.add(encoder.prepare(frame));
                progress.framesRendered(i + 1, frames);
            }
            return encoding.finish();
        }
    }

    private static Size frameSize(Size asked, VideoSpec spec) throws SourceException {
        Size size = asked.requireWithin(MAX_SIDE, MAX_SIDE, MAX_FRAME_PIXELS, "the video");
        if (spec.format() == VideoFormat.MP4) {
            size = new Size(Math.max(2, size.width() & ~1), Math.max(2, size.height() & ~1));
        }
        long budget = spec.format() == VideoFormat.GIF ? MAX_GIF_TOTAL_PIXELS : MAX_TOTAL_PIXELS;
        if (size.pixels() * spec.frames() > budget) {
            throw new SourceException(spec.frames() + " frames of " + size + " are over the limit of "
                    + budget / 1_000_000 + " megapixels for a " + spec.format() + "; make it shorter, smaller or "
                    + "fewer frames a second");
        }
        return size;
    }
}
