package dev.colossus.engine.model;

/** A GGUF file holds a model this engine cannot run (architecture, tensor type, or a missing or odd tensor). */
public final class UnsupportedModelException extends RuntimeException {
    public UnsupportedModelException(String message) {
        super(message);
    }
}
