package dev.colossus.engine.gguf;

/** A GGUF file is malformed, truncated, hostile or uses something this reader does not support. */
public final class GgufFormatException extends RuntimeException {
    public GgufFormatException(String message) {
        super(message);
    }
}
