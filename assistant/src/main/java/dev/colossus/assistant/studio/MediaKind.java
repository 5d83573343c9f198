package dev.colossus.assistant.studio;

import java.util.Locale;

/**
 * What the studio makes, and the source language a model writes for it.
 */
public enum MediaKind {
    /** A still picture: the model writes SVG, rendered to PNG. */
    IMAGE("image", "SVG", "svg"),
    /** A tune: the model writes ABC notation, rendered to audio. */
    MUSIC("music", "ABC notation", "abc"),
    /** A short clip: the model writes animated SVG (SMIL), rendered to video. */
    VIDEO("video", "animated SVG (SMIL)", "svg");

    private final String id;
    private final String language;
    private final String fence;

    MediaKind(String id, String language, String fence) {
        this.id = id;
        this.language = language;
        this.fence = fence;
    }

    /** The lowercase name used in APIs and on the command line: image, music or video. */
    public String id() {
        return id;
    }

    /** The source language the model writes, as told to it. */
    public String language() {
        return language;
    }

    /** The info string of a fenced code block holding the source ({@code svg} or {@code abc}). */
    public String fence() {
        return fence;
    }

    /**
     * The kind named {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the kinds there are
     */
    public static MediaKind parse(String name) {
        if (name != null) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (MediaKind k : values()) if (k.id.equals(wanted)) return k;
        }
        throw new IllegalArgumentException("kind must be image, music or video, got '" + name + "'");
    }
}
