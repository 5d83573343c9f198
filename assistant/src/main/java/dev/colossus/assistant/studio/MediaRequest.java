package dev.colossus.assistant.studio;

import java.util.Objects;

/**
 * What to make: a kind of media and a description of it in the asker's words (any language).
 *
 * @param kind   image, music or video
 * @param prompt what the media shows or sounds like; not blank, at most {@link #MAX_PROMPT_CHARS} characters
 * @param width  picture width in pixels (ignored for music)
 * @param height picture height in pixels (ignored for music)
 */
public record MediaRequest(MediaKind kind, String prompt, int width, int height) {

    /** The longest description accepted. */
    public static final int MAX_PROMPT_CHARS = 4000;
    /** The side of the default square picture. */
    public static final int DEFAULT_SIDE = 512;
    /** The longest side a picture may have. */
    public static final int MAX_SIDE = 2048;

    public MediaRequest {
        Objects.requireNonNull(kind, "kind");
        if (prompt == null || prompt.isBlank()) throw new IllegalArgumentException("the prompt must not be empty");
        prompt = prompt.strip();
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw new IllegalArgumentException("the prompt has " + prompt.length() + " characters; at most "
                    + MAX_PROMPT_CHARS + " are allowed");
        }
        if (width < 16 || height < 16 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("the size must be between 16 and " + MAX_SIDE + " pixels a side, got "
                    + width + "x" + height);
        }
    }

    /** A request at the default size ({@value #DEFAULT_SIDE} pixels square). */
    public static MediaRequest of(MediaKind kind, String prompt) {
        return new MediaRequest(kind, prompt, DEFAULT_SIDE, DEFAULT_SIDE);
    }
}
