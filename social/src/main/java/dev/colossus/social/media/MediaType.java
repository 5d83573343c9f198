package dev.colossus.social.media;

import java.util.Locale;

/** An attachment's type as Mastodon names it: an animated GIF is a {@code gifv}, as Mastodon shows it. */
public enum MediaType {
    IMAGE, GIFV, VIDEO, AUDIO;

    /** The name in the API: {@code image}, {@code gifv}, {@code video} or {@code audio}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MediaType ofApiName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
