package dev.colossus.assistant.studio;

import dev.colossus.studio.SourceException;

/**
 * Renders a source a model wrote (SVG, animated SVG or ABC notation) into a media file. Implementations are pure
 * functions and thread-safe.
 */
@FunctionalInterface
public interface SourceRenderer {

    /**
     * @param width  picture width in pixels (ignored for music)
     * @param height picture height in pixels (ignored for music)
     * @throws SourceException with a one-line message when the source is malformed, hostile or over a limit
     */
    Rendered render(String source, int width, int height) throws SourceException;

    /** A rendered file and its media type. */
    record Rendered(byte[] bytes, String mimeType) {
    }
}
