package dev.colossus.engine.grammar;

/** A JSON schema uses a feature that constrained decoding does not support; the message names the feature. */
public final class UnsupportedSchemaException extends IllegalArgumentException {
    private final String feature;

    public UnsupportedSchemaException(String feature, String message) {
        super(message);
        this.feature = feature;
    }

    /** The schema keyword or feature that is not supported, e.g. {@code pattern}. */
    public String feature() {
        return feature;
    }
}
