package dev.colossus.engine.tensor;

/** A tensor is stored in a GGML type this engine has no kernel for. */
public final class UnsupportedTensorTypeException extends RuntimeException {
    public UnsupportedTensorTypeException(String message) {
        super(message);
    }
}
