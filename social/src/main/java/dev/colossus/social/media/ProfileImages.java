package dev.colossus.social.media;

import dev.colossus.social.SocialException;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Avatars and headers, as Mastodon frames them: an uploaded image (PNG, JPEG, GIF or WebP, judged by its bytes, within
 * the media limits) is turned upright by its EXIF orientation, cut to the kind's shape around its middle, shrunk to
 * at most the kind's size (avatars 400x400, headers 1500x500; smaller images are not enlarged) and stored re-encoded,
 * so no metadata of the upload survives: PNG when it has transparency, JPEG otherwise. Only the first frame of an
 * animation is kept. Files are named by their content ({@link MediaFiles}). Stateless apart from the files; thread-safe.
 */
public final class ProfileImages {

    /** What a profile image is for, with Mastodon's size for it. */
    public enum Kind {
        AVATAR(400, 400), HEADER(1500, 500);

        private final int width, height;

        Kind(int width, int height) {
            this.width = width;
            this.height = height;
        }

        /** The form field that uploads it ({@code avatar}, {@code header}). */
        public String field() {
            return name().toLowerCase(Locale.ROOT);
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }
    }

    private final MediaFiles files;
    private final MediaLimits limits;

    public ProfileImages(MediaFiles files, MediaLimits limits) {
        this.files = files;
        this.limits = limits;
    }

    /**
     * Frames and stores an uploaded image; returns its file's path (for {@code MediaService.file}).
     *
     * @throws SocialException.Invalid about {@link Kind#field()} for a file that is no accepted image, too large, with
     *                                 too many pixels, or damaged
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public String store(Kind kind, byte[] data) {
        MediaFormat format = MediaSniffer.sniff(data).filter(f -> f.kind() == MediaFormat.Kind.IMAGE)
                .orElseThrow(() -> SocialException.invalid(kind.field(), capitalized(kind)
                        + " must be a PNG, JPEG, GIF or WebP image"));
        if (data.length > limits.imageBytes()) {
            throw SocialException.invalid(kind.field(), capitalized(kind) + " must be at most " + limits.imageBytes() + " bytes");
        }
        BufferedImage upright;
        try {
            ByteReader r = new ByteReader(data);
            MediaInfo info = ImageHeaders.read(format, r);
            MediaProcessor.checkSize(info, limits, kind.field());
            int shorter = Math.min(info.width(), info.height());
            int orientation = format == MediaFormat.JPEG ? JpegSegments.orientation(r) : 1;
            upright = ImagePipeline.oriented(ImagePipeline.decode(data,
                    ImagePipeline.stepFor(shorter, shorter, Math.max(kind.width(), kind.height()))), orientation);
        } catch (SocialException.Invalid e) {
            if (e.details().containsKey(kind.field())) throw e;
            throw SocialException.invalid(kind.field(), capitalized(kind) + " could not be read as an image");
        } catch (RuntimeException e) {
            throw SocialException.invalid(kind.field(), capitalized(kind) + " could not be read as an image");
        }
        BufferedImage framed = ImagePipeline.cover(upright, kind.width(), kind.height());
        boolean alpha = framed.getColorModel().hasAlpha();
        byte[] bytes = alpha ? ImagePipeline.png(framed) : ImagePipeline.jpeg(framed, 0.9f);
        String path = MediaFiles.path(MediaService.sha256(bytes), alpha ? "png" : "jpg");
        files.write(path, bytes);
        return path;
    }

    /** Deletes a stored profile image's file (call it once no account shows it). */
    public void delete(String path) {
        if (MediaFiles.isValidPath(path)) files.delete(path);
    }

    private static String capitalized(Kind kind) {
        return kind == Kind.AVATAR ? "Avatar" : "Header";
    }
}
