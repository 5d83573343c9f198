package dev.colossus.assistant.studio;

import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;

/**
 * Renders a source a model wrote (SVG, animated SVG or ABC notation) into a media file. Implementations are pure
 * functions and thread-safe.
 */
@FunctionalInterface
public interface SourceRenderer {

    /**
     * @param size the picture's size in pixels (ignored for music)
     * @throws SourceException with a one-line message when the source is malformed, hostile or over a limit
     */
    Rendered render(String source, Size size) throws SourceException;

    /** A rendered file and its media type. */
    record Rendered(byte[] bytes, String mimeType) {
    }
}
