package dev.colossus.studio.svg;

import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders SVG to PNG with Batik, after sanitising it: a pure function of the text, which reads no files and makes no
 * network requests.
 *
 * <p>Sanitising: the source may be at most 1 MiB; no DOCTYPE (so no entities: an entity bomb fails at once); no
 * {@code <script>}, {@code <foreignObject>}, event attributes ({@code on*}), processing instructions or elements from
 * other namespaces; every {@code href} and {@code url(...)} must name a {@code #fragment} of the document (an
 * {@code <image>} may also use a base64 {@code data:image/png|jpeg|gif} URI of at most 16 megapixels): others are
 * removed, as are CSS {@code @import} and escapes; at most 200 levels of nesting and 200,000 elements once
 * {@code <use>} is expanded.
 * Batik itself runs with scripts and every non-{@code data:} resource load denied.
 *
 * <p>Size: the one asked for, else the SVG's {@code width}/{@code height}/{@code viewBox}, else 512x512 (see
 * {@link SvgScene}); at most {@value #MAX_SIDE} pixels a side and {@value #MAX_PIXELS} pixels in all, refused
 * otherwise. Pixels the drawing leaves empty are transparent.
 *
 * <p>Thread-safe; renders on the calling thread.
 */
public final class SvgRenderer {
    /** The longest side of an image, in pixels. */
    public static final int MAX_SIDE = 4096;
    /** The most pixels of an image. */
    public static final long MAX_PIXELS = 16_000_000;

    private SvgRenderer() {
    }

    /**
     * The SVG as a PNG file.
     *
     * @param svg  the SVG source text
     * @param size the image size, or null for the SVG's own
     * @throws SourceException with a one-line message: malformed XML (with the line), a DOCTYPE, not SVG, a size over
     *                         the limits, or an error Batik reports
     */
    public static byte[] toPng(String svg, Size size) throws SourceException {
        BufferedImage image = toImage(svg, size);
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The SVG as an ARGB image; see {@link #toPng} for the rules and errors.
     */
    public static BufferedImage toImage(String svg, Size size) throws SourceException {
        try (SvgScene scene = SvgScene.load(svg, size,
                s -> s.requireWithin(MAX_SIDE, MAX_SIDE, MAX_PIXELS, "the image"), false)) {
            return scene.paint(BufferedImage.TYPE_INT_ARGB, null);
        }
    }
}
