package dev.colossus.social;

import java.util.Locale;

/** Who may see a post, as Mastodon defines it. */
public enum Visibility {
    /** Everyone; shown on public and hashtag timelines. */
    PUBLIC,
    /** Everyone who looks, but left off public and hashtag timelines. */
    UNLISTED,
    /** Followers (and mentioned accounts) only; Mastodon calls it {@code private}. */
    PRIVATE,
    /** Mentioned accounts only. */
    DIRECT;

    /** The name in the Mastodon API: {@code public}, {@code unlisted}, {@code private}, {@code direct}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an API name; throws {@link SocialException.Invalid} for anything else. */
    public static Visibility parse(String name) {
        for (Visibility v : values()) if (v.apiName().equals(name)) return v;
        throw SocialException.invalid("visibility", "Visibility is not included in the list");
    }

    /** The stored code (the ordinal, kept stable by never reordering this enum). */
    public int code() {
        return ordinal();
    }

    public static Visibility ofCode(int code) {
        return values()[code];
    }
}
