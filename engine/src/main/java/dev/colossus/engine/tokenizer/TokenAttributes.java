package dev.colossus.engine.tokenizer;

/**
 * Token attribute bits (llama.cpp's {@code llama_token_attr}) and their derivation from GGUF
 * {@code tokenizer.ggml.token_type} values.
 */
final class TokenAttributes {
    static final int UNDEFINED = 0;
    static final int UNKNOWN = 1;
    static final int UNUSED = 1 << 1;
    static final int NORMAL = 1 << 2;
    static final int CONTROL = 1 << 3;
    static final int USER_DEFINED = 1 << 4;
    static final int BYTE = 1 << 5;
    /** Whitespace after the token is dropped when it is parsed as a special token (llama.cpp's RSTRIP). */
    static final int RSTRIP = 1 << 9;

    /** GGUF token_type values: 1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte. */
    static final int TYPE_NORMAL = 1;
    static final int TYPE_UNKNOWN = 2;
    static final int TYPE_CONTROL = 3;
    static final int TYPE_USER_DEFINED = 4;
    static final int TYPE_UNUSED = 5;
    static final int TYPE_BYTE = 6;

    private TokenAttributes() {
    }

    /** The attribute bits of a GGUF token type; an unknown type has no bits, so the token renders as nothing. */
    static int fromTokenType(int type) {
        return switch (type) {
            case TYPE_NORMAL -> NORMAL;
            case TYPE_UNKNOWN -> UNKNOWN;
            case TYPE_CONTROL -> CONTROL;
            case TYPE_USER_DEFINED -> USER_DEFINED;
            case TYPE_UNUSED -> UNUSED;
            case TYPE_BYTE -> BYTE;
            default -> UNDEFINED;
        };
    }
}
