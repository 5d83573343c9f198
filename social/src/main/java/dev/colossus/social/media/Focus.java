package dev.colossus.social.media;

import dev.colossus.social.SocialException;

/**
 * The point of an image that crops keep in view, as Mastodon gives it: x from -1 (left) to 1 (right), y from -1
 * (bottom) to 1 (top); (0, 0) is the centre.
 *
 * @throws SocialException.Invalid when a coordinate is outside -1..1 or not a number
 */
public record Focus(double x, double y) {

    public static final Focus CENTRE = new Focus(0, 0);

    public Focus {
        if (!(x >= -1 && x <= 1 && y >= -1 && y <= 1)) {
            throw SocialException.invalid("focus", "Focus must be two numbers from -1 to 1");
        }
    }

    /**
     * Parses Mastodon's {@code "x,y"} form; null or blank is the centre.
     *
     * @throws SocialException.Invalid when malformed or out of range
     */
    public static Focus parse(String text) {
        if (text == null || text.isBlank()) return CENTRE;
        String[] parts = text.split(",", -1);
        if (parts.length != 2) throw SocialException.invalid("focus", "Focus must be two numbers from -1 to 1, as \"x,y\"");
        try {
            return new Focus(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw SocialException.invalid("focus", "Focus must be two numbers from -1 to 1, as \"x,y\"");
        }
    }
}
