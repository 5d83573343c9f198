package dev.colossus.social;

/**
 * An account's posting defaults, what Mastodon's {@code /api/v1/preferences} and the {@code source} of the
 * credential account show and what a new post without those parameters gets.
 *
 * @param postingVisibility who a new post is for by default (never {@link Visibility#DIRECT})
 * @param postingSensitive  whether new posts' media are marked sensitive by default
 * @param postingLanguage   the default language of new posts (ISO 639), or null to leave it unset
 */
public record Preferences(Visibility postingVisibility, boolean postingSensitive, String postingLanguage) {

    /** What an account that never set any has. */
    public static final Preferences DEFAULT = new Preferences(Visibility.PUBLIC, false, null);

    /**
     * A change to the preferences; null fields stay as they are, an empty {@code language} clears the language.
     *
     * @param visibility public, unlisted or private (Mastodon's {@code source[privacy]})
     */
    public record Update(Visibility visibility, Boolean sensitive, String language) {
    }
}
