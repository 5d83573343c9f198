package dev.colossus.assistant.studio;

import dev.colossus.studio.music.AbcParser;
import dev.colossus.studio.music.AudioRenderer;
import dev.colossus.studio.music.MidiRenderer;
import dev.colossus.studio.svg.SvgRenderer;
import dev.colossus.studio.video.ProgressListener;
import dev.colossus.studio.video.VideoFormat;
import dev.colossus.studio.video.VideoRenderer;
import dev.colossus.studio.video.VideoSpec;

import java.util.Objects;

/**
 * The renderer for each kind of media.
 *
 * @param image SVG to a picture
 * @param music ABC notation to audio
 * @param video animated SVG to a clip
 */
public record StudioRenderers(SourceRenderer image, SourceRenderer music, SourceRenderer video) {

    /** How long a clip made by {@link #standard()} runs, in seconds (the model is told so). */
    public static final int CLIP_SECONDS = 5;

    public StudioRenderers {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(music, "music");
        Objects.requireNonNull(video, "video");
    }

    /**
     * The studio module's renderers: ABC notation through MIDI to WAV audio (Gervill's default sounds); SVG to PNG;
     * animated SVG to MP4.
     */
    public static StudioRenderers standard() {
        return new StudioRenderers(
                (source, size) -> new SourceRenderer.Rendered(SvgRenderer.toPng(source, size), "image/png"),
                (source, size) -> new SourceRenderer.Rendered(
                        AudioRenderer.toWav(MidiRenderer.toMidi(AbcParser.parse(source)), null), "audio/wav"),
                (source, size) -> new SourceRenderer.Rendered(VideoRenderer.render(source, new VideoSpec(CLIP_SECONDS,
                        VideoSpec.DEFAULT_FPS, size, VideoFormat.MP4), ProgressListener.NONE), VideoFormat.MP4.mimeType()));
    }

    public SourceRenderer forKind(MediaKind kind) {
        return switch (kind) {
            case IMAGE -> image;
            case MUSIC -> music;
            case VIDEO -> video;
        };
    }
}
