package dev.colossus.studio;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A picture size in pixels.
 *
 * @param width  pixels across, at least 1
 * @param height pixels down, at least 1
 */
public record Size(int width, int height) {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})\\s*[xX×]\\s*(\\d{1,9})");

    /** @throws IllegalArgumentException when a side is under 1 pixel */
    public Size {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a size needs at least 1 pixel each way, got " + width + "x" + height);
        }
    }

    /**
     * Reads {@code WIDTHxHEIGHT}, e.g. {@code "640x480"}.
     *
     * @throws IllegalArgumentException with a one-line message when the text is not such a size
     */
    public static Size parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a size is WIDTHxHEIGHT in pixels, e.g. 640x480, got '" + text + "'");
        }
        return new Size(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Width times height. */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * This size, when no side is over {@code maxWidth} or {@code maxHeight} and it has at most {@code maxPixels}.
     *
     * @param what names the size in the message, e.g. {@code "the image"}
     * @throws SourceException saying which limit it is over
     */
    public Size requireWithin(int maxWidth, int maxHeight, long maxPixels, String what) throws SourceException {
        if (width > maxWidth || height > maxHeight || pixels() > maxPixels) {
            throw new SourceException(what + " would be " + this + " pixels; the limit is " + maxWidth + "x"
                    + maxHeight + " and " + BigDecimal.valueOf(maxPixels, 6).stripTrailingZeros().toPlainString()
                    + " megapixels");
        }
        return this;
    }

    /** {@code WIDTHxHEIGHT}, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
