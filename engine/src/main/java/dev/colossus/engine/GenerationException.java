package dev.colossus.engine;

/** Generation failed inside the engine (for example a prompt longer than the context). */
public final class GenerationException extends RuntimeException {
    public GenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}
