package dev.colossus.social.auth;

/**
 * An OAuth 2 error (RFC 6749 section 5.2) such as {@code invalid_client} or {@code invalid_grant}; the HTTP layer
 * answers {@code {"error": code, "error_description": message}} (401 for {@code invalid_client}, else 400).
 */
public final class OAuthException extends RuntimeException {

    private final String code;

    public OAuthException(String code, String description) {
        super(description, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
