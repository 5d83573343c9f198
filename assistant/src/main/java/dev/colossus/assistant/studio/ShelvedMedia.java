package dev.colossus.assistant.studio;

import java.util.Objects;

/**
 * Media kept on a {@link MediaShelf}.
 *
 * @param kind        image, music or video
 * @param id          the network's media attachment id (to attach it to a post), or null when it is not on the
 *                    network (a file)
 * @param url         where it is fetched from: a URL, or a file path
 * @param mimeType    its media type
 * @param description its alt text
 */
public record ShelvedMedia(MediaKind kind, String id, String url, String mimeType, String description) {

    /** Longest alt text put in an answer's markdown. */
    static final int MARKDOWN_ALT_CHARS = 200;

    public ShelvedMedia {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(mimeType, "mimeType");
        description = description == null ? "" : description;
    }

    /**
     * How an answer shows it: {@code ![alt](url)} for a picture (GIF clips included), {@code [alt](url)} for audio
     * and video.
     */
    public String markdown() {
        String alt = description.replaceAll("[\\[\\]\\\\]", "").replaceAll("\\s+", " ").strip();
        if (alt.length() > MARKDOWN_ALT_CHARS) alt = alt.substring(0, MARKDOWN_ALT_CHARS - 1) + "…";
        if (alt.isEmpty()) alt = kind.id();
        String target = url.replace(" ", "%20").replace(")", "%29");
        return (mimeType.startsWith("image/") ? "!" : "") + "[" + alt + "](" + target + ")";
    }
}
