package dev.colossus.assistant.studio;

import java.util.Objects;

/**
 * The renderer for each kind of media.
 *
 * @param image SVG to a picture
 * @param music ABC notation to audio
 * @param video animated SVG to a clip
 */
public record StudioRenderers(SourceRenderer image, SourceRenderer music, SourceRenderer video) {

    public StudioRenderers {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(music, "music");
        Objects.requireNonNull(video, "video");
    }

    public SourceRenderer forKind(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> image;
            case MUSIC -> music;
            case VIDEO -> video;
        };
    }
}
