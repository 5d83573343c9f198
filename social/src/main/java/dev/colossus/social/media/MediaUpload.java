package dev.colossus.social.media;

import dev.colossus.social.SocialException;

/**
 * A file to attach, before the network has looked at it. Its name and declared type play no part: the bytes decide.
 *
 * @param data        the file; not copied, so do not change it afterwards
 * @param description alt text for people who cannot see or hear the file (null for none; at most
 *                    {@link #MAX_DESCRIPTION} characters)
 * @param focus       null for the centre
 * @throws SocialException.Invalid when the description is too long or the file is empty
 */
public record MediaUpload(byte[] data, String description, Focus focus) {

    /** Mastodon's limit on alt text. */
    public static final int MAX_DESCRIPTION = 1500;

    public MediaUpload {
        if (data == null || data.length == 0) throw SocialException.invalid("file", "The file is empty");
        description = checkDescription(description);
        if (focus == null) focus = Focus.CENTRE;
    }

    /** The description stripped, "" for null. @throws SocialException.Invalid when too long */
    public static String checkDescription(String description) {
        String d = description == null ? "" : description.strip();
        if (d.codePointCount(0, d.length()) > MAX_DESCRIPTION) {
            throw SocialException.invalid("description", "Description is too long (at most " + MAX_DESCRIPTION + " characters)");
        }
        return d;
    }
}
