/**
 * Studio: renderers that turn text sources into media bytes, each a pure function (no network, no file access).
 * {@code svg}: sanitised SVG to PNG; {@code video}: animated SVG (SMIL) to MP4 or GIF; {@code music}: ABC notation to
 * MIDI and audio. Bad sources throw {@link dev.colossus.studio.SourceException} with a one-line message.
 */
package dev.colossus.studio;
