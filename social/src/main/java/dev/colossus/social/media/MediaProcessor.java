package dev.colossus.social.media;

import dev.colossus.social.SocialException;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Turns an uploaded file into what is stored: checks its format (from its bytes) and size against the limits, reads
 * its metadata from its headers, and for images refuses too many pixels before decoding anything, then makes the
 * preview and BlurHash. JPEG files lose their EXIF and other metadata segments; one whose EXIF orientation turns it
 * is stored re-encoded upright instead, as nothing would turn it once the EXIF is gone. Stateless and thread-safe.
 */
public final class MediaProcessor {

    /** The longest side of a preview, in pixels. */
    public static final int PREVIEW_SIDE = 400;
    private static final int BLURHASH_SIDE = 64;

    private final MediaLimits limits;

    public MediaProcessor(MediaLimits limits) {
        this.limits = limits;
    }

    /**
     * A processed file.
     *
     * @param stored       the bytes to store (the upload, or a copy without metadata)
     * @param previewBytes the preview's file, null when {@code preview} is
     * @param blurhash     null when there is no image to hash
     */
    public record Processed(MediaFormat format, MediaType type, byte[] stored, MediaInfo info, Preview preview,
                            byte[] previewBytes, String blurhash) {
    }

    /** @throws SocialException.Invalid for a file of no accepted format, too large, damaged or with too many pixels */
    public Processed process(byte[] data) {
        MediaFormat format = MediaSniffer.sniff(data).orElseThrow(() -> SocialException.invalid("file",
                "The file is not an accepted type (PNG, JPEG, GIF, WebP, WAV, MP3, Ogg, MP4 or WebM)"));
        long limit = limits.bytes(format.kind());
        if (data.length > limit) {
            throw SocialException.invalid("file", format.kind().name().toLowerCase(Locale.ROOT)
                    + " files must be at most " + limit + " bytes");
        }
        ByteReader r = new ByteReader(data);
        try {
            return process(format, data, r);
        } catch (SocialException e) {
            throw e;
        } catch (RuntimeException e) {
            throw SocialException.invalid("file", "The file could not be read");
        }
    }

    /**
     * Refuses an image whose header gives it no pixels (damaged) or more than {@code limits} allow, before anything
     * is decoded.
     *
     * @throws SocialException.Invalid about {@code field} when it has too many
     */
    static void checkSize(MediaInfo info, MediaLimits limits, String field) {
        int w = info.width(), h = info.height();
        if (w < 1 || h < 1) throw ByteReader.damaged();
        if (w > limits.maxSide() || h > limits.maxSide() || (long) w * h > limits.maxPixels()) {
            throw SocialException.invalid(field, "Images must be at most " + limits.maxSide() + " pixels a side and "
                    + limits.maxPixels() + " pixels in all; this one is " + w + "x" + h);
        }
    }

    private Processed process(MediaFormat format, byte[] data, ByteReader r) {
        return switch (format.kind()) {
            case AUDIO -> new Processed(format, MediaType.AUDIO, data, AudioHeaders.read(format, r), null, null, null);
            case VIDEO -> {
                MediaInfo info = VideoHeaders.read(format, r);
                yield new Processed(format, info.width() == null ? MediaType.AUDIO : MediaType.VIDEO, data, info, null, null, null);
            }
            case IMAGE -> image(format, data, r);
        };
    }

    private Processed image(MediaFormat format, byte[] data, ByteReader r) {
        MediaInfo info = ImageHeaders.read(format, r);
        int w = info.width(), h = info.height();
        checkSize(info, limits, "file");
        int orientation = format == MediaFormat.JPEG ? JpegSegments.orientation(r) : 1;
        byte[] stored = data;
        BufferedImage decoded;
        if (orientation > 1) {
            decoded = ImagePipeline.oriented(ImagePipeline.decode(data, 1), orientation);
            stored = ImagePipeline.jpeg(decoded, 0.92f);
            if (orientation >= 5) info = info.transposed();
        } else {
            decoded = ImagePipeline.decode(data, ImagePipeline.stepFor(w, h, PREVIEW_SIDE));
            if (format == MediaFormat.JPEG) stored = JpegSegments.withoutMetadata(data);
        }
        BufferedImage small = ImagePipeline.fit(decoded, PREVIEW_SIDE);
        boolean alpha = small.getColorModel().hasAlpha();
        byte[] previewBytes = alpha ? ImagePipeline.png(small) : ImagePipeline.jpeg(small, 0.85f);
        Preview preview = new Preview(alpha ? "png" : "jpg", small.getWidth(), small.getHeight());
        String blurhash = BlurHash.encode(ImagePipeline.fit(small, BLURHASH_SIDE), 4, 4);
        MediaType type = format == MediaFormat.GIF && info.duration() != null ? MediaType.GIFV : MediaType.IMAGE;
        return new Processed(format, type, stored, info, preview, previewBytes, blurhash);
    }
}
