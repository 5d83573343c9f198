package dev.colossus.social.service;

import dev.colossus.social.SocialException;
import dev.colossus.social.text.PostText;

/** Mastodon's rules for what a post says, shared by posting and editing. Stateless. */
final class PostRules {

    /** The longest content warning the store keeps. */
    static final int MAX_SPOILER = 1000;

    private PostRules() {
    }

    /** The content warning as stored: stripped, "" for null. */
    static String spoiler(String spoilerText) {
        return spoilerText == null ? "" : spoilerText.strip();
    }

    /**
     * Checks a post's text, content warning (already {@link #spoiler stripped}) and language (nullable) as Mastodon
     * does: text may be blank only with media; the content warning and the text together
     * count against {@code maxChars} (text as {@link PostText#length} counts, the warning by code points).
     *
     * @throws SocialException.Invalid naming the first rule broken
     */
    static void check(String text, String spoiler, String language, boolean withMedia, int maxChars) {
        if (text.isBlank() && !withMedia) throw SocialException.invalid("text", "Text can't be blank");
        if (spoiler.length() > MAX_SPOILER) throw SocialException.invalid("spoiler_text", "Spoiler text is too long");
        if (PostText.length(text) + spoiler.codePointCount(0, spoiler.length()) > maxChars) {
            throw SocialException.invalid("text", "Text character limit of " + maxChars + " exceeded");
        }
        if (language != null && !language.matches("[a-z]{2,3}")) {
            throw SocialException.invalid("language", "Language is not a valid ISO 639 code");
        }
    }
}
