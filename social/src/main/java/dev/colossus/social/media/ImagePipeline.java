package dev.colossus.social.media;

import dev.colossus.social.SocialException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decoding, turning and shrinking images with ImageIO (PNG, JPEG and GIF built in; WebP through the TwelveMonkeys
 * plugin). Callers check an image's size from its header first: this class decodes only what it is given. Large
 * images are decoded subsampled when only a preview is wanted, so memory follows the preview, not the image.
 * Stateless and thread-safe.
 */
final class ImagePipeline {

    static {
        ImageIO.setUseCache(false); // decode in memory, no temporary files
    }

    private ImagePipeline() {
    }

    /**
     * Decodes the first frame, every {@code step}-th pixel in each direction.
     *
     * @throws SocialException.Invalid when no decoder can read it
     */
    static BufferedImage decode(byte[] data, int step) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw unreadable();
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                if (step > 1) param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SocialException) throw (SocialException) e;
            throw unreadable();
        }
    }

    private static SocialException.Invalid unreadable() {
        return SocialException.invalid("file", "The image could not be decoded");
    }

    /** The subsampling step that keeps an image of this size at least {@code side} pixels on its longer side. */
    static int stepFor(int width, int height, int side) {
        return Math.max(1, Math.max(width, height) / (2 * side));
    }

    /** The image as EXIF {@code orientation} (1 to 8) says it is shown: turned and mirrored as needed. */
    static BufferedImage oriented(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) return image;
        int w = image.getWidth(), h = image.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> t.setTransform(-1, 0, 0, 1, w, 0);
            case 3 -> t.setTransform(-1, 0, 0, -1, w, h);
            case 4 -> t.setTransform(1, 0, 0, -1, 0, h);
            case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> t.setTransform(0, 1, -1, 0, h, 0);
            case 7 -> t.setTransform(0, -1, -1, 0, h, w);
            default -> t.setTransform(0, -1, 1, 0, 0, w);
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The image shrunk to fit {@code side} by {@code side} pixels (never enlarged), in halving steps for quality. */
    static BufferedImage fit(BufferedImage image, int side) {
        BufferedImage current = image;
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        double scale = Math.min(1.0, (double) side / Math.max(image.getWidth(), image.getHeight()));
        int targetW = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int targetH = Math.max(1, (int) Math.round(image.getHeight() * scale));
        do {
            int w = Math.max(targetW, current.getWidth() / 2), h = Math.max(targetH, current.getHeight() / 2);
            BufferedImage next = new BufferedImage(w, h, type);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (current.getWidth() != targetW || current.getHeight() != targetH);
        return current;
    }

    /**
     * The middle of the image cut to {@code width}:{@code height} and shrunk to at most {@code width} by
     * {@code height} pixels (never enlarged): how avatars and headers are framed.
     */
    static BufferedImage cover(BufferedImage image, int width, int height) {
        int w = image.getWidth(), h = image.getHeight();
        int cropW = w, cropH = h;
        if ((long) w * height > (long) h * width) cropW = Math.max(1, (int) Math.round((double) h * width / height));
        else cropH = Math.max(1, (int) Math.round((double) w * height / width));
        return fit(image.getSubimage((w - cropW) / 2, (h - cropH) / 2, cropW, cropH), Math.max(width, height));
    }

    /** PNG bytes of the image. */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer");
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** Baseline JPEG bytes of the image (without alpha) at {@code quality} from 0 to 1; no metadata segments. */
    static byte[] jpeg(BufferedImage image, float quality) {
        BufferedImage rgb = image;
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            try {
                g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
            } finally {
                g.dispose();
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
